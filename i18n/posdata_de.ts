<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>CheckWords</name>
    <message>
        <source>Checking against Salesforce...</source>
        <translation>Abgleich mit Salesforce läuft …</translation>
    </message>
    <message>
        <source>Repairing: downloading and removing only the records that differ...</source>
        <translation>Reparatur: Nur die abweichenden Datensätze werden geladen oder entfernt …</translation>
    </message>
    <message>
        <source>Not checked: this object is downloading. Check again when the download has finished.</source>
        <translation>Nicht geprüft: Dieses Objekt wird gerade geladen. Prüfen Sie erneut, wenn der Download abgeschlossen ist.</translation>
    </message>
    <message>
        <source>Not checked: %1</source>
        <translation>Nicht geprüft: %1</translation>
    </message>
    <message>
        <source>The check stopped: %1</source>
        <translation>Die Prüfung wurde abgebrochen: %1</translation>
    </message>
    <message>
        <source>The data on this device could not be read or written.</source>
        <translation>Die Daten auf diesem Gerät konnten nicht gelesen oder geschrieben werden.</translation>
    </message>
    <message>
        <source>This device differs from Salesforce. Repair downloads or removes only these records.</source>
        <translation>Dieses Gerät weicht von Salesforce ab. Reparieren lädt oder entfernt nur diese Datensätze.</translation>
    </message>
    <message>
        <source>This device matches Salesforce.</source>
        <translation>Dieses Gerät stimmt mit Salesforce überein.</translation>
    </message>
    <message>
        <source>Repaired: %1 downloaded, %2 removed.</source>
        <translation>Repariert: %1 geladen, %2 entfernt.</translation>
    </message>
    <message>
        <source>API calls</source>
        <translation>API-Aufrufe</translation>
    </message>
    <message>
        <source>Missing on this device</source>
        <translation>Fehlen auf diesem Gerät</translation>
    </message>
    <message>
        <source>On this device, gone from Salesforce</source>
        <translation>Auf diesem Gerät, in Salesforce gelöscht</translation>
    </message>
    <message>
        <source>On this device, outside its scope</source>
        <translation>Auf diesem Gerät, außerhalb des Umfangs</translation>
    </message>
    <message>
        <source>Unsaved records (kept)</source>
        <translation>Nicht gespeicherte Datensätze (bleiben erhalten)</translation>
    </message>
</context>
<context>
    <name>ConfirmDialog</name>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
<context>
    <name>ErrorWords</name>
    <message>
        <source>Could not reach Salesforce. Check the network connection.</source>
        <translation>Salesforce ist nicht erreichbar. Prüfen Sie die Netzwerkverbindung.</translation>
    </message>
    <message>
        <source>Salesforce took too long to answer.</source>
        <translation>Salesforce hat zu lange nicht geantwortet.</translation>
    </message>
    <message>
        <source>Salesforce is not available right now.</source>
        <translation>Salesforce ist gerade nicht verfügbar.</translation>
    </message>
    <message>
        <source>Salesforce had an internal error.</source>
        <translation>In Salesforce ist ein interner Fehler aufgetreten.</translation>
    </message>
    <message>
        <source>The Salesforce org has used up its API requests for today.</source>
        <translation>Die Salesforce-Organisation hat ihre API-Anfragen für heute aufgebraucht.</translation>
    </message>
    <message>
        <source>Salesforce sent an answer this device cannot read.</source>
        <translation>Salesforce hat eine Antwort gesendet, die dieses Gerät nicht lesen kann.</translation>
    </message>
    <message>
        <source>Salesforce was busy with the same records.</source>
        <translation>Salesforce war mit denselben Datensätzen beschäftigt.</translation>
    </message>
    <message>
        <source>The download stopped making progress.</source>
        <translation>Der Download kommt nicht mehr voran.</translation>
    </message>
    <message>
        <source>The download kept starting over without progress.</source>
        <translation>Der Download hat immer wieder ohne Fortschritt neu begonnen.</translation>
    </message>
    <message>
        <source>Salesforce sent a record without an Id.</source>
        <translation>Salesforce hat einen Datensatz ohne ID gesendet.</translation>
    </message>
    <message>
        <source>The download&apos;s place in Salesforce expired.</source>
        <translation>Die Download-Position in Salesforce ist abgelaufen.</translation>
    </message>
    <message>
        <source>A field this object syncs is not available in Salesforce.</source>
        <translation>Ein Feld, das dieses Objekt synchronisiert, ist in Salesforce nicht verfügbar.</translation>
    </message>
    <message>
        <source>This object is not available in Salesforce for this device.</source>
        <translation>Dieses Objekt ist in Salesforce für dieses Gerät nicht verfügbar.</translation>
    </message>
    <message>
        <source>Salesforce did not accept this object&apos;s query.</source>
        <translation>Salesforce hat die Abfrage dieses Objekts nicht akzeptiert.</translation>
    </message>
    <message>
        <source>The object&apos;s scope in the configuration cannot be used.</source>
        <translation>Der Bereich dieses Objekts in der Konfiguration ist nicht verwendbar.</translation>
    </message>
    <message>
        <source>Salesforce refused this device&apos;s sign-in.</source>
        <translation>Salesforce hat die Anmeldung dieses Geräts abgelehnt.</translation>
    </message>
    <message>
        <source>The sign-in expired.</source>
        <translation>Die Anmeldung ist abgelaufen.</translation>
    </message>
    <message>
        <source>The Salesforce address of this device is not accepted.</source>
        <translation>Die Salesforce-Adresse dieses Geräts wird nicht akzeptiert.</translation>
    </message>
    <message>
        <source>The device storage is full. Nothing was lost.</source>
        <translation>Der Gerätespeicher ist voll. Es ist nichts verloren gegangen.</translation>
    </message>
    <message>
        <source>The data on this device was busy.</source>
        <translation>Die Daten auf diesem Gerät waren gerade belegt.</translation>
    </message>
    <message>
        <source>The data on this device cannot be written.</source>
        <translation>Die Daten auf diesem Gerät können nicht geschrieben werden.</translation>
    </message>
    <message>
        <source>The data on this device could not be read or written.</source>
        <translation>Die Daten auf diesem Gerät konnten nicht gelesen oder geschrieben werden.</translation>
    </message>
    <message>
        <source>The record was deleted in Salesforce.</source>
        <translation>Der Datensatz wurde in Salesforce gelöscht.</translation>
    </message>
    <message>
        <source>A Salesforce rule refused the record.</source>
        <translation>Eine Salesforce-Regel hat den Datensatz abgelehnt.</translation>
    </message>
    <message>
        <source>A field Salesforce requires is empty.</source>
        <translation>Ein Pflichtfeld in Salesforce ist leer.</translation>
    </message>
    <message>
        <source>Salesforce already has a record with the same value.</source>
        <translation>Salesforce hat bereits einen Datensatz mit demselben Wert.</translation>
    </message>
    <message>
        <source>Another record of the same upload was refused, so none were saved.</source>
        <translation>Ein anderer Datensatz desselben Uploads wurde abgelehnt, daher wurde keiner gespeichert.</translation>
    </message>
    <message numerus="yes">
        <source>%1 - %n times, last %2</source>
        <translation>
            <numerusform>%1 – einmal, zuletzt %2</numerusform>
            <numerusform>%1 – %n-mal, zuletzt %2</numerusform>
        </translation>
    </message>
    <message>
        <source>Salesforce did not answer (HTTP %1).</source>
        <translation>Salesforce hat nicht geantwortet (HTTP %1).</translation>
    </message>
    <message>
        <source>Salesforce refused the request (HTTP %1).</source>
        <translation>Salesforce hat die Anfrage abgelehnt (HTTP %1).</translation>
    </message>
    <message>
        <source>Salesforce reported an error.</source>
        <translation>Salesforce hat einen Fehler gemeldet.</translation>
    </message>
    <message>
        <source>time unknown</source>
        <translation>Zeit unbekannt</translation>
    </message>
    <message>
        <source>%1 - %2</source>
        <translation>%1 – %2</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>POS Settings</source>
        <translation>Kasseneinstellungen</translation>
    </message>
</context>
<context>
    <name>ManageDataPage</name>
    <message>
        <source>Manage data</source>
        <translation>Daten verwalten</translation>
    </message>
    <message>
        <source>Resync all existing records</source>
        <translation>Alle vorhandenen Datensätze neu synchronisieren</translation>
    </message>
    <message>
        <source>Clear &amp; resync all records</source>
        <translation>Alle Datensätze löschen und neu synchronisieren</translation>
    </message>
    <message>
        <source>Loading sync status…</source>
        <translation>Synchronisierungsstatus wird geladen…</translation>
    </message>
    <message>
        <source>Sync objects</source>
        <translation>Synchronisierte Objekte</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <source>Resume all syncing</source>
        <translation>Gesamte Synchronisierung fortsetzen</translation>
    </message>
    <message>
        <source>Sign in again</source>
        <translation>Erneut anmelden</translation>
    </message>
    <message>
        <source>Share report</source>
        <translation>Bericht teilen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
</context>
<context>
    <name>MoreActionsButton</name>
    <message>
        <source>More actions</source>
        <translation>Weitere Aktionen</translation>
    </message>
</context>
<context>
    <name>ObjectDetailPage</name>
    <message>
        <source>Resync existing records</source>
        <translation>Vorhandene Datensätze neu synchronisieren</translation>
    </message>
    <message>
        <source>Clear &amp; resync records</source>
        <translation>Datensätze löschen und neu synchronisieren</translation>
    </message>
    <message>
        <source>Object</source>
        <translation>Objekt</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Local records</source>
        <translation>Lokale Datensätze</translation>
    </message>
    <message>
        <source>Server records</source>
        <translation>Datensätze auf dem Server</translation>
    </message>
    <message>
        <source>Server records (all)</source>
        <translation>Datensätze auf dem Server (alle)</translation>
    </message>
    <message>
        <source>Unsaved records</source>
        <translation>Nicht gespeicherte Datensätze</translation>
    </message>
    <message>
        <source>Last synced</source>
        <translation>Zuletzt synchronisiert</translation>
    </message>
    <message>
        <source>Sync errors</source>
        <translation>Synchronisierungsfehler</translation>
    </message>
    <message>
        <source>No sync errors</source>
        <translation>Keine Synchronisierungsfehler</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>Umfang</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Prüfen</translation>
    </message>
    <message>
        <source>On this device</source>
        <translation>Auf diesem Gerät</translation>
    </message>
    <message>
        <source>Database %1</source>
        <translation>Datenbank %1</translation>
    </message>
    <message>
        <source>Repair</source>
        <translation>Reparieren</translation>
    </message>
</context>
<context>
    <name>PageToolBar</name>
    <message>
        <source>Back</source>
        <translation>Zurück</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Manage data</source>
        <translation>Daten verwalten</translation>
    </message>
    <message>
        <source>Sync status of the data on this device</source>
        <translation>Synchronisierungsstatus der Daten auf diesem Gerät</translation>
    </message>
</context>
<context>
    <name>SyncFormatter</name>
    <message numerus="yes">
        <source>Refused %Ln time(s)</source>
        <translation>
            <numerusform>Einmal abgelehnt</numerusform>
            <numerusform>%Ln-mal abgelehnt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln failed to upload</source>
        <translation>
            <numerusform>%Ln Upload fehlgeschlagen</numerusform>
            <numerusform>%Ln Uploads fehlgeschlagen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln unsaved record(s)</source>
        <translation>
            <numerusform>%Ln nicht gespeicherter Datensatz</numerusform>
            <numerusform>%Ln nicht gespeicherte Datensätze</numerusform>
        </translation>
    </message>
    <message>
        <source>Synced %1</source>
        <translation>Synchronisiert %1</translation>
    </message>
    <message>
        <source>Synced %1 of %2</source>
        <translation>Synchronisiert %1 von %2</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Unbekannt</translation>
    </message>
    <message>
        <source>Less than 1 record/s</source>
        <translation>Weniger als 1 Datensatz/s</translation>
    </message>
    <message>
        <source>%1 records/s</source>
        <translation>%1 Datensätze/s</translation>
    </message>
    <message>
        <source>Less than 1 min left</source>
        <translation>Noch weniger als 1 Min.</translation>
    </message>
    <message>
        <source>%1 min left</source>
        <translation>Noch %1 Min.</translation>
    </message>
    <message>
        <source>%1 h left</source>
        <translation>Noch %1 Std.</translation>
    </message>
    <message>
        <source>%1 h %2 min left</source>
        <translation>Noch %1 Std. %2 Min.</translation>
    </message>
    <message>
        <source>Never synced</source>
        <translation>Noch nie synchronisiert</translation>
    </message>
    <message>
        <source>Last synced %1</source>
        <translation>Zuletzt synchronisiert %1</translation>
    </message>
    <message>
        <source>Syncing</source>
        <translation>Wird synchronisiert</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Pausiert</translation>
    </message>
    <message>
        <source>Fully synced</source>
        <translation>Vollständig synchronisiert</translation>
    </message>
    <message>
        <source>Subset synced</source>
        <translation>Teilmenge synchronisiert</translation>
    </message>
    <message>
        <source>Incomplete</source>
        <translation>Unvollständig</translation>
    </message>
    <message>
        <source>Created on this device</source>
        <translation>Auf diesem Gerät erstellt</translation>
    </message>
    <message>
        <source>Changed on this device</source>
        <translation>Auf diesem Gerät geändert</translation>
    </message>
    <message>
        <source>Deleted on this device</source>
        <translation>Auf diesem Gerät gelöscht</translation>
    </message>
    <message>
        <source>Saved in Salesforce</source>
        <translation>In Salesforce gespeichert</translation>
    </message>
    <message>
        <source>Refused by Salesforce: %1</source>
        <translation>Von Salesforce abgelehnt: %1</translation>
    </message>
    <message>
        <source>Refused by Salesforce (%1)</source>
        <translation>Von Salesforce abgelehnt (%1)</translation>
    </message>
    <message>
        <source>Waiting to upload</source>
        <translation>Wartet auf das Hochladen</translation>
    </message>
    <message>
        <source>Object</source>
        <translation>Objekt</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Local</source>
        <translation>Lokal</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Server (all)</source>
        <translation>Server (alle)</translation>
    </message>
    <message>
        <source>Unsaved</source>
        <translation>Nicht gespeichert</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source>...</source>
        <translation>…</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>about %1 s</source>
        <translation>etwa %1 s</translation>
    </message>
    <message>
        <source>about %1 min</source>
        <translation>etwa %1 Min.</translation>
    </message>
    <message>
        <source>about %1 h</source>
        <translation>etwa %1 Std.</translation>
    </message>
    <message>
        <source>about %1 h %2 min</source>
        <translation>etwa %1 Std. %2 Min.</translation>
    </message>
</context>
<context>
    <name>SyncObjectDetail</name>
    <message>
        <source>Resume syncing</source>
        <translation>Synchronisierung fortsetzen</translation>
    </message>
    <message>
        <source>Pause syncing</source>
        <translation>Synchronisierung pausieren</translation>
    </message>
    <message>
        <source>Checked %1</source>
        <translation>Geprüft %1</translation>
    </message>
    <message numerus="yes">
        <source>%1 · %Ln record(s)</source>
        <translation>
            <numerusform>%1 · %Ln Datensatz</numerusform>
            <numerusform>%1 · %Ln Datensätze</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncObjectListModel</name>
    <message>
        <source>%1, %2, %3</source>
        <translation>%1, %2, %3</translation>
    </message>
</context>
<context>
    <name>SyncWords</name>
    <message>
        <source>Will try again at the next sync</source>
        <translation>Neuer Versuch bei der nächsten Synchronisierung</translation>
    </message>
    <message numerus="yes">
        <source>Retrying in %n s</source>
        <translation>
            <numerusform>Neuer Versuch in %n s</numerusform>
            <numerusform>Neuer Versuch in %n s</numerusform>
        </translation>
    </message>
    <message>
        <source>Will try again at %1</source>
        <translation>Neuer Versuch um %1</translation>
    </message>
    <message>
        <source>Waiting to sync</source>
        <translation>Wartet auf Synchronisierung</translation>
    </message>
    <message>
        <source>Checking for changes</source>
        <translation>Sucht nach Änderungen</translation>
    </message>
    <message>
        <source>Downloading changes: %1 of %2</source>
        <translation>Änderungen werden geladen: %1 von %2</translation>
    </message>
    <message>
        <source>Downloading changes</source>
        <translation>Änderungen werden geladen</translation>
    </message>
    <message>
        <source>Resyncing %1 of %2</source>
        <translation>Neu synchronisiert: %1 von %2</translation>
    </message>
    <message>
        <source>Resyncing</source>
        <translation>Wird neu synchronisiert</translation>
    </message>
    <message>
        <source>Updating fields: %1 of %2</source>
        <translation>Felder werden aktualisiert: %1 von %2</translation>
    </message>
    <message>
        <source>Updating fields</source>
        <translation>Felder werden aktualisiert</translation>
    </message>
    <message>
        <source>Checking the server count</source>
        <translation>Anzahl auf dem Server wird geprüft</translation>
    </message>
    <message>
        <source>Waiting for sign-in</source>
        <translation>Wartet auf Anmeldung</translation>
    </message>
    <message>
        <source>Stopped until the error is fixed</source>
        <translation>Angehalten, bis der Fehler behoben ist</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>gerade eben</translation>
    </message>
    <message numerus="yes">
        <source>%n min ago</source>
        <translation>
            <numerusform>vor %n Min.</numerusform>
            <numerusform>vor %n Min.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h ago</source>
        <translation>
            <numerusform>vor %n Std.</numerusform>
            <numerusform>vor %n Std.</numerusform>
        </translation>
    </message>
    <message>
        <source>yesterday</source>
        <translation>gestern</translation>
    </message>
    <message>
        <source>Downloading %1 of %2</source>
        <translation>Wird geladen: %1 von %2</translation>
    </message>
    <message>
        <source>Downloading</source>
        <translation>Wird geladen</translation>
    </message>
    <message>
        <source>Only records of this outlet (%1)</source>
        <translation>Nur Datensätze dieser Filiale (%1)</translation>
    </message>
    <message>
        <source>Only records of this outlet</source>
        <translation>Nur Datensätze dieser Filiale</translation>
    </message>
    <message>
        <source>Only records of the open shift (%1)</source>
        <translation>Nur Datensätze der offenen Schicht (%1)</translation>
    </message>
    <message>
        <source>Only records of the open shift</source>
        <translation>Nur Datensätze der offenen Schicht</translation>
    </message>
    <message>
        <source>Only records in this device&apos;s scope</source>
        <translation>Nur Datensätze im Umfang dieses Geräts</translation>
    </message>
    <message>
        <source>%1: %2 of %3</source>
        <extracomment>%1 = &quot;Only records of this outlet (Berlin Mitte)&quot;, %2 records in scope, %3 all records</extracomment>
        <translation>%1: %2 von %3</translation>
    </message>
    <message>
        <source>Not enough free space for the next download: about %1 needed, %2 free</source>
        <translation>Nicht genug freier Speicher für den nächsten Download: etwa %1 benötigt, %2 frei</translation>
    </message>
</context>
<context>
    <name>UnsavedRecordPage</name>
    <message>
        <source>Unsaved record</source>
        <translation>Nicht gespeicherter Datensatz</translation>
    </message>
    <message>
        <source>This record is no longer waiting to upload: it reached Salesforce or was discarded.</source>
        <translation>Dieser Datensatz wartet nicht mehr auf das Hochladen: Er ist in Salesforce angekommen oder wurde verworfen.</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Datensatz</translation>
    </message>
    <message>
        <source>Upload</source>
        <translation>Hochladen</translation>
    </message>
    <message>
        <source>Refused by Salesforce</source>
        <translation>Von Salesforce abgelehnt</translation>
    </message>
    <message>
        <source>Why Salesforce refused it</source>
        <translation>Warum Salesforce ihn abgelehnt hat</translation>
    </message>
    <message>
        <source>It stays on this device. Fix the cause, in Salesforce or on the till, then use Retry upload; or discard this change.</source>
        <translation>Er bleibt auf diesem Gerät. Beheben Sie die Ursache in Salesforce oder an der Kasse und tippen Sie dann auf „Erneut hochladen“ – oder verwerfen Sie diese Änderung.</translation>
    </message>
    <message>
        <source>What is sent to Salesforce</source>
        <translation>Was an Salesforce gesendet wird</translation>
    </message>
    <message>
        <source>No fields</source>
        <translation>Keine Felder</translation>
    </message>
    <message>
        <source>Discarding…</source>
        <translation>Wird verworfen…</translation>
    </message>
    <message>
        <source>This object is uploading right now: a change can be discarded once the upload is over.</source>
        <translation>Dieses Objekt wird gerade hochgeladen: Eine Änderung lässt sich verwerfen, sobald das Hochladen abgeschlossen ist.</translation>
    </message>
    <message>
        <source>Discard this change</source>
        <translation>Diese Änderung verwerfen</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Änderung</translation>
    </message>
</context>
<context>
    <name>UnsavedRecordsPage</name>
    <message>
        <source>Unsaved records</source>
        <translation>Nicht gespeicherte Datensätze</translation>
    </message>
    <message>
        <source>%1: unsaved records</source>
        <translation>%1: nicht gespeicherte Datensätze</translation>
    </message>
    <message>
        <source>Retry upload</source>
        <translation>Erneut hochladen</translation>
    </message>
    <message>
        <source>Loading unsaved records…</source>
        <translation>Nicht gespeicherte Datensätze werden geladen…</translation>
    </message>
    <message>
        <source>Uploading…</source>
        <translation>Wird hochgeladen…</translation>
    </message>
    <message>
        <source>Syncing is paused for this object: its unsaved records upload when you resume syncing.</source>
        <translation>Die Synchronisierung dieses Objekts ist pausiert: Die nicht gespeicherten Datensätze werden hochgeladen, sobald Sie sie fortsetzen.</translation>
    </message>
</context>
<context>
    <name>UnsavedWords</name>
    <message>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Nein</translation>
    </message>
</context>
<context>
    <name>posdata::ManageDataController</name>
    <message>
        <source>Pause all syncing</source>
        <translation>Gesamte Synchronisierung pausieren</translation>
    </message>
    <message>
        <source>Resume all syncing</source>
        <translation>Gesamte Synchronisierung fortsetzen</translation>
    </message>
    <message>
        <source>Syncing is paused</source>
        <translation>Die Synchronisierung ist pausiert</translation>
    </message>
    <message>
        <source>Syncing stopped: %1</source>
        <translation>Synchronisierung angehalten: %1</translation>
    </message>
    <message>
        <source>Clear &amp; resync all records?</source>
        <translation>Alle Datensätze löschen und neu synchronisieren?</translation>
    </message>
    <message>
        <source>Clear &amp; resync %1?</source>
        <translation>%1 löschen und neu synchronisieren?</translation>
    </message>
    <message>
        <source>Clear &amp; resync records?</source>
        <translation>Datensätze löschen und neu synchronisieren?</translation>
    </message>
    <message>
        <source>Records will download again from Salesforce</source>
        <translation>Die Datensätze werden erneut aus Salesforce geladen</translation>
    </message>
    <message>
        <source>Clear &amp; resync all</source>
        <translation>Alle löschen und neu synchronisieren</translation>
    </message>
    <message>
        <source>Clear &amp; resync</source>
        <translation>Löschen und neu synchronisieren</translation>
    </message>
    <message numerus="yes">
        <source>Syncing is paused for %Ln object(s)</source>
        <translation>
            <numerusform>Die Synchronisierung ist für %Ln Objekt pausiert</numerusform>
            <numerusform>Die Synchronisierung ist für %Ln Objekte pausiert</numerusform>
        </translation>
    </message>
    <message>
        <source>Salesforce refused this device&apos;s sign-in. Nothing syncs until it is accepted.</source>
        <translation>Salesforce hat die Anmeldung dieses Geräts abgelehnt. Bis sie akzeptiert wird, wird nichts synchronisiert.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln object(s)</source>
        <translation>
            <numerusform>%Ln Objekt</numerusform>
            <numerusform>%Ln Objekte</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln syncing</source>
        <translation>
            <numerusform>%Ln wird synchronisiert</numerusform>
            <numerusform>%Ln werden synchronisiert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln paused</source>
        <translation>
            <numerusform>%Ln pausiert</numerusform>
            <numerusform>%Ln pausiert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln incomplete</source>
        <translation>
            <numerusform>%Ln unvollständig</numerusform>
            <numerusform>%Ln unvollständig</numerusform>
        </translation>
    </message>
    <message>
        <source>Clear &amp; resync removes all locally stored records of every object. Records currently in use (such as your active outlet and shift) and any unsaved records are preserved. All other local records are deleted and must re-download before they are available again.</source>
        <translation>Löschen und neu synchronisieren entfernt alle lokal gespeicherten Datensätze aller Objekte. Datensätze, die gerade verwendet werden (z. B. Ihre aktive Filiale und Schicht), und nicht gespeicherte Datensätze bleiben erhalten. Alle anderen lokalen Datensätze werden gelöscht und müssen erneut geladen werden, bevor sie wieder verfügbar sind.</translation>
    </message>
    <message>
        <source>Clear &amp; resync removes all locally stored records of this object. Records currently in use (such as your active outlet and shift) and any unsaved records are preserved. All other local records are deleted and must re-download before they are available again.</source>
        <translation>Löschen und neu synchronisieren entfernt alle lokal gespeicherten Datensätze dieses Objekts. Datensätze, die gerade verwendet werden (z. B. Ihre aktive Filiale und Schicht), und nicht gespeicherte Datensätze bleiben erhalten. Alle anderen lokalen Datensätze werden gelöscht und müssen erneut geladen werden, bevor sie wieder verfügbar sind.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln record(s) will be deleted</source>
        <translation>
            <numerusform>%Ln Datensatz wird gelöscht</numerusform>
            <numerusform>%Ln Datensätze werden gelöscht</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln unsaved record(s) will be kept</source>
        <translation>
            <numerusform>%Ln nicht gespeicherter Datensatz bleibt erhalten</numerusform>
            <numerusform>%Ln nicht gespeicherte Datensätze bleiben erhalten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln record(s) in use will be kept</source>
        <translation>
            <numerusform>%Ln verwendeter Datensatz bleibt erhalten</numerusform>
            <numerusform>%Ln verwendete Datensätze bleiben erhalten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln record(s) will download again</source>
        <translation>
            <numerusform>%Ln Datensatz wird erneut geladen</numerusform>
            <numerusform>%Ln Datensätze werden erneut geladen</numerusform>
        </translation>
    </message>
    <message>
        <source>Ready to sell</source>
        <translation>Verkaufsbereit</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>an object, then how much of it is in</comment>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>%1 paused</source>
        <translation>%1 pausiert</translation>
    </message>
    <message>
        <source>%1 not downloading</source>
        <translation>%1 wird nicht geladen</translation>
    </message>
    <message>
        <source>, </source>
        <comment>between the objects of the ready-to-sell line</comment>
        <translation>, </translation>
    </message>
    <message>
        <source>Not ready: %1</source>
        <translation>Noch nicht bereit: %1</translation>
    </message>
    <message>
        <source>Not ready: %1, %2</source>
        <translation>Noch nicht bereit: %1, %2</translation>
    </message>
    <message>
        <source>%1, %2 free</source>
        <translation>%1, %2 frei</translation>
    </message>
    <message>
        <source>no answer</source>
        <translation>keine Antwort</translation>
    </message>
    <message>
        <source>Saving the support report...</source>
        <translation>Supportbericht wird gespeichert …</translation>
    </message>
    <message>
        <source>The support report was not saved: %1</source>
        <translation>Der Supportbericht wurde nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>Support report saved: %1</source>
        <translation>Supportbericht gespeichert: %1</translation>
    </message>
</context>
<context>
    <name>posdata::UnsavedRecordListModel</name>
    <message>
        <source>No unsaved records</source>
        <translation>Keine nicht gespeicherten Datensätze</translation>
    </message>
    <message>
        <source>Showing the oldest %1 of %2</source>
        <translation>Angezeigt werden die ältesten %1 – insgesamt %2</translation>
    </message>
    <message numerus="yes">
        <source>Uploading %Ln unsaved record(s)…</source>
        <translation>
            <numerusform>%Ln nicht gespeicherter Datensatz wird hochgeladen…</numerusform>
            <numerusform>%Ln nicht gespeicherte Datensätze werden hochgeladen…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>All %Ln record(s) reached Salesforce</source>
        <translation>
            <numerusform>Der Datensatz ist in Salesforce angekommen</numerusform>
            <numerusform>Alle %Ln Datensätze sind in Salesforce angekommen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Salesforce refused %Ln record(s) again</source>
        <translation>
            <numerusform>Salesforce hat %Ln Datensatz erneut abgelehnt</numerusform>
            <numerusform>Salesforce hat %Ln Datensätze erneut abgelehnt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln record(s) uploaded</source>
        <translation>
            <numerusform>%Ln Datensatz hochgeladen</numerusform>
            <numerusform>%Ln Datensätze hochgeladen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln refused again</source>
        <translation>
            <numerusform>%Ln erneut abgelehnt</numerusform>
            <numerusform>%Ln erneut abgelehnt</numerusform>
        </translation>
    </message>
    <message>
        <source>Not sent: syncing is paused for this object</source>
        <translation>Nicht gesendet: Die Synchronisierung dieses Objekts ist pausiert</translation>
    </message>
    <message>
        <source>Not sent: waiting for sign-in</source>
        <translation>Nicht gesendet: Wartet auf Anmeldung</translation>
    </message>
    <message>
        <source>%1, %2 %3, %4</source>
        <translation>%1, %2 %3, %4</translation>
    </message>
    <message numerus="yes">
        <source>Total: %Ln unsaved record(s)</source>
        <translation>
            <numerusform>Gesamt: %Ln nicht gespeicherter Datensatz</numerusform>
            <numerusform>Gesamt: %Ln nicht gespeicherte Datensätze</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln created</source>
        <translation>
            <numerusform>%Ln erstellt</numerusform>
            <numerusform>%Ln erstellt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln changed</source>
        <translation>
            <numerusform>%Ln geändert</numerusform>
            <numerusform>%Ln geändert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln deleted</source>
        <translation>
            <numerusform>%Ln gelöscht</numerusform>
            <numerusform>%Ln gelöscht</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>It was made on this device and is not in Salesforce. Discarding removes it from this device: it will never be uploaded.</source>
        <translation>Er wurde auf diesem Gerät angelegt und ist nicht in Salesforce. Verwerfen entfernt ihn von diesem Gerät: Er wird nie hochgeladen.</translation>
    </message>
    <message>
        <source>The changes made to it on this device will not reach Salesforce. The record leaves this device until a resync brings back Salesforce&apos;s version.</source>
        <translation>Die Änderungen auf diesem Gerät erreichen Salesforce nicht. Der Datensatz verschwindet von diesem Gerät, bis eine erneute Synchronisierung die Version aus Salesforce zurückbringt.</translation>
    </message>
    <message>
        <source>It will not be deleted in Salesforce. Salesforce&apos;s version comes back to this device with the next resync.</source>
        <translation>Er wird in Salesforce nicht gelöscht. Die Version aus Salesforce kommt mit der nächsten erneuten Synchronisierung auf dieses Gerät zurück.</translation>
    </message>
    <message>
        <source>Discard this change to %1?</source>
        <translation>Diese Änderung an %1 verwerfen?</translation>
    </message>
    <message>
        <source>%1 was not discarded; nothing was lost (%2).</source>
        <translation>%1 wurde nicht verworfen, nichts ging verloren (%2).</translation>
    </message>
    <message numerus="yes">
        <source>A copy stays in this device&apos;s discarded log for %Ln day(s).</source>
        <translation>
            <numerusform>Eine Kopie bleibt %Ln Tag lang im Protokoll der verworfenen Änderungen dieses Geräts.</numerusform>
            <numerusform>Eine Kopie bleibt %Ln Tage lang im Protokoll der verworfenen Änderungen dieses Geräts.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Discarded %1. A copy stays in this device&apos;s discarded log for %Ln day(s).</source>
        <translation>
            <numerusform>%1 verworfen. Eine Kopie bleibt %Ln Tag lang im Protokoll der verworfenen Änderungen dieses Geräts.</numerusform>
            <numerusform>%1 verworfen. Eine Kopie bleibt %Ln Tage lang im Protokoll der verworfenen Änderungen dieses Geräts.</numerusform>
        </translation>
    </message>
</context>
</TS>
