<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>ConfirmDialog</name>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ErrorWords</name>
    <message>
        <source>Could not reach Salesforce. Check the network connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Salesforce took too long to answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Salesforce is not available right now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Salesforce had an internal error.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Salesforce org has used up its API requests for today.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Salesforce sent an answer this device cannot read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Salesforce was busy with the same records.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The download stopped making progress.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The download kept starting over without progress.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Salesforce sent a record without an Id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The download&apos;s place in Salesforce expired.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A field this object syncs is not available in Salesforce.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This object is not available in Salesforce for this device.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Salesforce did not accept this object&apos;s query.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The object&apos;s scope in the configuration cannot be used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Salesforce refused this device&apos;s sign-in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sign-in expired.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Salesforce address of this device is not accepted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The device storage is full. Nothing was lost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The data on this device was busy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The data on this device cannot be written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The data on this device could not be read or written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The record was deleted in Salesforce.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A Salesforce rule refused the record.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A field Salesforce requires is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Salesforce already has a record with the same value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another record of the same upload was refused, so none were saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 - %n times, last %2</source>
        <translation>
            <numerusform>%1 - once, last %2</numerusform>
            <numerusform>%1 - %n times, last %2</numerusform>
        </translation>
    </message>
    <message>
        <source>Salesforce did not answer (HTTP %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Salesforce refused the request (HTTP %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Salesforce reported an error.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>time unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 - %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>POS Settings</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ManageDataPage</name>
    <message>
        <source>Manage data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resync all existing records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear &amp; resync all records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading sync status…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync objects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume all syncing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in again</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MoreActionsButton</name>
    <message>
        <source>More actions</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ObjectDetailPage</name>
    <message>
        <source>Resync existing records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear &amp; resync records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server records (all)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsaved records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last synced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync errors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No sync errors</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PageToolBar</name>
    <message>
        <source>Back</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Manage data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync status of the data on this device</source>
        <translation type="unfinished"></translation>
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
    <message>
        <source>Synced %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Synced %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Less than 1 record/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 records/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Less than 1 min left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h %2 min left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Never synced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last synced %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Syncing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fully synced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subset synced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incomplete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created on this device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changed on this device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted on this device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved in Salesforce</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused by Salesforce: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused by Salesforce (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting to upload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server (all)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsaved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>about %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>about %1 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>about %1 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>about %1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncObjectDetail</name>
    <message>
        <source>Resume syncing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause syncing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checked %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncObjectListModel</name>
    <message>
        <source>%1, %2, %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncWords</name>
    <message>
        <source>Will try again at the next sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Retrying in %n s</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Will try again at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting to sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking for changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloading changes: %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloading changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resyncing %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resyncing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updating fields: %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updating fields</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking the server count</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for sign-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped until the error is fixed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>just now</source>
        <translation type="unfinished"></translation>
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
    <message>
        <source>yesterday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloading %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloading</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UnsavedRecordPage</name>
    <message>
        <source>Unsaved record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This record is no longer waiting to upload: it reached Salesforce or was discarded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused by Salesforce</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why Salesforce refused it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It stays on this device. Fix the cause, in Salesforce or on the till, then use Retry upload; or discard this change.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What is sent to Salesforce</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No fields</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discarding…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This object is uploading right now: a change can be discarded once the upload is over.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard this change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UnsavedRecordsPage</name>
    <message>
        <source>Unsaved records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: unsaved records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry upload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading unsaved records…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Uploading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Syncing is paused for this object: its unsaved records upload when you resume syncing.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UnsavedWords</name>
    <message>
        <source>Yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>posdata::ManageDataController</name>
    <message>
        <source>Pause all syncing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume all syncing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Syncing is paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Syncing stopped: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear &amp; resync all records?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear &amp; resync %1?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear &amp; resync records?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Records will download again from Salesforce</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear &amp; resync all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear &amp; resync</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Syncing is paused for %Ln object(s)</source>
        <translation>
            <numerusform>Syncing is paused for %Ln object</numerusform>
            <numerusform>Syncing is paused for %Ln objects</numerusform>
        </translation>
    </message>
    <message>
        <source>Salesforce refused this device&apos;s sign-in. Nothing syncs until it is accepted.</source>
        <translation type="unfinished"></translation>
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
    <message>
        <source>Clear &amp; resync removes all locally stored records of every object. Records currently in use (such as your active outlet and shift) and any unsaved records are preserved. All other local records are deleted and must re-download before they are available again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear &amp; resync removes all locally stored records of this object. Records currently in use (such as your active outlet and shift) and any unsaved records are preserved. All other local records are deleted and must re-download before they are available again.</source>
        <translation type="unfinished"></translation>
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
    <message>
        <source>Ready to sell</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>an object, then how much of it is in</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 not downloading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, </source>
        <comment>between the objects of the ready-to-sell line</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not ready: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not ready: %1, %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>posdata::UnsavedRecordListModel</name>
    <message>
        <source>No unsaved records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Showing the oldest %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
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
    <message>
        <source>Not sent: syncing is paused for this object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sent: waiting for sign-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2 %3, %4</source>
        <translation type="unfinished"></translation>
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
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It was made on this device and is not in Salesforce. Discarding removes it from this device: it will never be uploaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The changes made to it on this device will not reach Salesforce. The record leaves this device until a resync brings back Salesforce&apos;s version.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It will not be deleted in Salesforce. Salesforce&apos;s version comes back to this device with the next resync.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard this change to %1?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was not discarded; nothing was lost (%2).</source>
        <translation type="unfinished"></translation>
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
