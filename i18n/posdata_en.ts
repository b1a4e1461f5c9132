<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>ErrorWords</name>
    <message numerus="yes">
        <source>%1 - %n times, last %2</source>
        <translation>
            <numerusform>%1 - once, last %2</numerusform>
            <numerusform>%1 - %n times, last %2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncFormatter</name>
    <message numerus="yes">
        <source>Refused %Ln time(s)</source>
        <translation>
            <numerusform>Refused once</numerusform>
            <numerusform>Refused %Ln times</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln failed to upload</source>
        <translation>
            <numerusform>%Ln failed to upload</numerusform>
            <numerusform>%Ln failed to upload</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln unsaved record(s)</source>
        <translation>
            <numerusform>%Ln unsaved record</numerusform>
            <numerusform>%Ln unsaved records</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncObjectDetail</name>
    <message numerus="yes">
        <source>%1 · %Ln record(s)</source>
        <translation>
            <numerusform>%1 · %Ln record</numerusform>
            <numerusform>%1 · %Ln records</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncWords</name>
    <message numerus="yes">
        <source>Retrying in %n s</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min ago</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h ago</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>posdata::ManageDataController</name>
    <message numerus="yes">
        <source>Syncing is paused for %Ln object(s)</source>
        <translation>
            <numerusform>Syncing is paused for %Ln object</numerusform>
            <numerusform>Syncing is paused for %Ln objects</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln object(s)</source>
        <translation>
            <numerusform>%Ln object</numerusform>
            <numerusform>%Ln objects</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln syncing</source>
        <translation>
            <numerusform>%Ln syncing</numerusform>
            <numerusform>%Ln syncing</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln paused</source>
        <translation>
            <numerusform>%Ln paused</numerusform>
            <numerusform>%Ln paused</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln incomplete</source>
        <translation>
            <numerusform>%Ln incomplete</numerusform>
            <numerusform>%Ln incomplete</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln record(s) will be deleted</source>
        <translation>
            <numerusform>%Ln record will be deleted</numerusform>
            <numerusform>%Ln records will be deleted</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln unsaved record(s) will be kept</source>
        <translation>
            <numerusform>%Ln unsaved record will be kept</numerusform>
            <numerusform>%Ln unsaved records will be kept</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln record(s) in use will be kept</source>
        <translation>
            <numerusform>%Ln record in use will be kept</numerusform>
            <numerusform>%Ln records in use will be kept</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln record(s) will download again</source>
        <translation>
            <numerusform>%Ln record will download again</numerusform>
            <numerusform>%Ln records will download again</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>posdata::UnsavedRecordListModel</name>
    <message numerus="yes">
        <source>Uploading %Ln unsaved record(s)…</source>
        <translation>
            <numerusform>Uploading %Ln unsaved record…</numerusform>
            <numerusform>Uploading %Ln unsaved records…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>All %Ln record(s) reached Salesforce</source>
        <translation>
            <numerusform>The record reached Salesforce</numerusform>
            <numerusform>All %Ln records reached Salesforce</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Salesforce refused %Ln record(s) again</source>
        <translation>
            <numerusform>Salesforce refused %Ln record again</numerusform>
            <numerusform>Salesforce refused %Ln records again</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln record(s) uploaded</source>
        <translation>
            <numerusform>%Ln record uploaded</numerusform>
            <numerusform>%Ln records uploaded</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln refused again</source>
        <translation>
            <numerusform>%Ln refused again</numerusform>
            <numerusform>%Ln refused again</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Total: %Ln unsaved record(s)</source>
        <translation>
            <numerusform>Total: %Ln unsaved record</numerusform>
            <numerusform>Total: %Ln unsaved records</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln created</source>
        <translation>
            <numerusform>%Ln created</numerusform>
            <numerusform>%Ln created</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln changed</source>
        <translation>
            <numerusform>%Ln changed</numerusform>
            <numerusform>%Ln changed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln deleted</source>
        <translation>
            <numerusform>%Ln deleted</numerusform>
            <numerusform>%Ln deleted</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>A copy stays in this device&apos;s discarded log for %Ln day(s).</source>
        <translation>
            <numerusform>A copy stays in this device&apos;s discarded log for %Ln day.</numerusform>
            <numerusform>A copy stays in this device&apos;s discarded log for %Ln days.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Discarded %1. A copy stays in this device&apos;s discarded log for %Ln day(s).</source>
        <translation>
            <numerusform>Discarded %1. A copy stays in this device&apos;s discarded log for %Ln day.</numerusform>
            <numerusform>Discarded %1. A copy stays in this device&apos;s discarded log for %Ln days.</numerusform>
        </translation>
    </message>
</context>
</TS>
