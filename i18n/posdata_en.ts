<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>ClearResyncDialog</name>
    <message>
        <source>Cancel</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>POS Settings</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ManageDataPage</name>
    <message>
        <source>Manage data</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>More actions</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Resync all existing records</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Clear &amp; resync all records</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Loading sync status…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Sync objects</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ObjectDetailPage</name>
    <message>
        <source>More actions</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Resync existing records</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Clear &amp; resync records</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Object</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Local records</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Server records</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Server records (all)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Unsaved records</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Last synced</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Sync errors</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No sync errors</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>PageToolBar</name>
    <message>
        <source>Back</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>PausedBanner</name>
    <message>
        <source>Resume all syncing</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Settings</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Manage data</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Sync status of the data on this device</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>SyncObjectDetail</name>
    <message>
        <source>Resume syncing</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Pause syncing</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>SyncObjectListModel</name>
    <message>
        <source>%1, %2, %3</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>UnsavedRecordsPage</name>
    <message>
        <source>Unsaved records</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1: unsaved records</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Retry upload</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Loading unsaved records…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Uploading…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Syncing is paused for this object: its unsaved records upload when you resume syncing.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>posdata::ManageDataController</name>
    <message>
        <source>Pause all syncing</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Resume all syncing</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Syncing is paused</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Syncing stopped: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Salesforce refused this device's sign-in. Sign in again to continue syncing.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>, %1 syncing</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Clear &amp; resync all records?</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Clear &amp; resync %1?</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Clear &amp; resync records?</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Clear &amp; resync removes all locally stored records for the affected object(s). Records currently in use (such as your active outlet and shift) and any unsaved records are preserved. All other local records are deleted and must re-download before they are available again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Records will download again from Salesforce</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Clear &amp; resync all</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Clear &amp; resync</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>posdata::SyncFormatter</name>
    <message>
        <source>Synced %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Synced %1 of %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Unknown</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Less than 1 record/s</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 records/s</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Less than 1 min left</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 min left</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 h left</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 h %2 min left</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Never</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>just now</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 min ago</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 h ago</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>on %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Never synced</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Last synced %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Time unknown</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Today %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Could not reach Salesforce. Check the network connection.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Salesforce took too long to answer.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The download stopped making progress.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Sign in again to continue syncing.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>A field this object syncs does not exist in Salesforce.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Unknown error</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Salesforce reported an error (%1).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Created on this device</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Changed on this device</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Deleted on this device</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Saved in Salesforce</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Refused by Salesforce: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Refused by Salesforce (%1)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Waiting to upload</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Refused %1 times</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 failed to upload</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 unsaved record</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 unsaved records</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Object</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Local</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Server</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Server (all)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Unsaved</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Progress</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>...</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>posdata::UnsavedRecordListModel</name>
    <message>
        <source>No unsaved records</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Showing the oldest %1 of %2</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>Uploading %n unsaved record(s)…</source>
        <translation>
            <numerusform>Uploading %n unsaved record…</numerusform>
            <numerusform>Uploading %n unsaved records…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>All %n record(s) reached Salesforce</source>
        <translation>
            <numerusform>The record reached Salesforce</numerusform>
            <numerusform>All %n records reached Salesforce</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Salesforce refused %n record(s) again</source>
        <translation>
            <numerusform>Salesforce refused %n record again</numerusform>
            <numerusform>Salesforce refused %n records again</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) uploaded</source>
        <translation>
            <numerusform>%n record uploaded</numerusform>
            <numerusform>%n records uploaded</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n refused again</source>
        <translation>
            <numerusform>%n refused again</numerusform>
            <numerusform>%n refused again</numerusform>
        </translation>
    </message>
    <message>
        <source>Not sent: syncing is paused for this object</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Not sent: waiting for sign-in</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1, %2 %3, %4</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>posdata::syncwords</name>
    <message>
        <source>Will try again at the next sync</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Retrying in %n s</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Will try again at %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Waiting to sync</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Checking for changes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Checking the server count</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Waiting for sign-in</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Stopped until the error is fixed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>never</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>just now</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%n min ago</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%n h ago</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>yesterday</source>
        <translation type="unfinished" />
    </message>
</context>
</TS>
