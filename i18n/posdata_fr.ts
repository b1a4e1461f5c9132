<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>CheckWords</name>
    <message>
        <source>Checking against Salesforce...</source>
        <translation>Comparaison avec Salesforce…</translation>
    </message>
    <message>
        <source>Repairing: downloading and removing only the records that differ...</source>
        <translation>Réparation : seuls les enregistrements différents sont téléchargés ou supprimés…</translation>
    </message>
    <message>
        <source>Not checked: this object is downloading. Check again when the download has finished.</source>
        <translation>Non vérifié : cet objet est en cours de téléchargement. Vérifiez à nouveau une fois le téléchargement terminé.</translation>
    </message>
    <message>
        <source>Not checked: %1</source>
        <translation>Non vérifié : %1</translation>
    </message>
    <message>
        <source>The check stopped: %1</source>
        <translation>La vérification s&apos;est arrêtée : %1</translation>
    </message>
    <message>
        <source>The data on this device could not be read or written.</source>
        <translation>Les données de cet appareil n&apos;ont pas pu être lues ou écrites.</translation>
    </message>
    <message>
        <source>This device differs from Salesforce. Repair downloads or removes only these records.</source>
        <translation>Cet appareil diffère de Salesforce. Réparer télécharge ou supprime uniquement ces enregistrements.</translation>
    </message>
    <message>
        <source>This device matches Salesforce.</source>
        <translation>Cet appareil correspond à Salesforce.</translation>
    </message>
    <message>
        <source>Repaired: %1 downloaded, %2 removed.</source>
        <translation>Réparé : %1 téléchargés, %2 supprimés.</translation>
    </message>
    <message>
        <source>API calls</source>
        <translation>Appels d&apos;API</translation>
    </message>
    <message>
        <source>Missing on this device</source>
        <translation>Manquants sur cet appareil</translation>
    </message>
    <message>
        <source>On this device, gone from Salesforce</source>
        <translation>Sur cet appareil, supprimés de Salesforce</translation>
    </message>
    <message>
        <source>On this device, outside its scope</source>
        <translation>Sur cet appareil, hors de son périmètre</translation>
    </message>
    <message>
        <source>Unsaved records (kept)</source>
        <translation>Enregistrements non sauvegardés (conservés)</translation>
    </message>
</context>
<context>
    <name>ConfirmDialog</name>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
</context>
<context>
    <name>ErrorWords</name>
    <message>
        <source>Could not reach Salesforce. Check the network connection.</source>
        <translation>Impossible de joindre Salesforce. Vérifiez la connexion réseau.</translation>
    </message>
    <message>
        <source>Salesforce took too long to answer.</source>
        <translation>Salesforce a mis trop de temps à répondre.</translation>
    </message>
    <message>
        <source>Salesforce is not available right now.</source>
        <translation>Salesforce n&apos;est pas disponible pour le moment.</translation>
    </message>
    <message>
        <source>Salesforce had an internal error.</source>
        <translation>Salesforce a rencontré une erreur interne.</translation>
    </message>
    <message>
        <source>The Salesforce org has used up its API requests for today.</source>
        <translation>L&apos;organisation Salesforce a épuisé ses requêtes API pour aujourd&apos;hui.</translation>
    </message>
    <message>
        <source>Salesforce sent an answer this device cannot read.</source>
        <translation>Salesforce a envoyé une réponse que cet appareil ne peut pas lire.</translation>
    </message>
    <message>
        <source>Salesforce was busy with the same records.</source>
        <translation>Salesforce était occupé avec les mêmes enregistrements.</translation>
    </message>
    <message>
        <source>The download stopped making progress.</source>
        <translation>Le téléchargement ne progresse plus.</translation>
    </message>
    <message>
        <source>The download kept starting over without progress.</source>
        <translation>Le téléchargement a recommencé plusieurs fois sans progresser.</translation>
    </message>
    <message>
        <source>Salesforce sent a record without an Id.</source>
        <translation>Salesforce a envoyé un enregistrement sans Id.</translation>
    </message>
    <message>
        <source>The download&apos;s place in Salesforce expired.</source>
        <translation>La position du téléchargement dans Salesforce a expiré.</translation>
    </message>
    <message>
        <source>A field this object syncs is not available in Salesforce.</source>
        <translation>Un champ synchronisé par cet objet n&apos;est pas disponible dans Salesforce.</translation>
    </message>
    <message>
        <source>This object is not available in Salesforce for this device.</source>
        <translation>Cet objet n&apos;est pas disponible dans Salesforce pour cet appareil.</translation>
    </message>
    <message>
        <source>Salesforce did not accept this object&apos;s query.</source>
        <translation>Salesforce n&apos;a pas accepté la requête de cet objet.</translation>
    </message>
    <message>
        <source>The object&apos;s scope in the configuration cannot be used.</source>
        <translation>La portée de cet objet dans la configuration est inutilisable.</translation>
    </message>
    <message>
        <source>Salesforce refused this device&apos;s sign-in.</source>
        <translation>Salesforce a refusé la connexion de cet appareil.</translation>
    </message>
    <message>
        <source>The sign-in expired.</source>
        <translation>La connexion a expiré.</translation>
    </message>
    <message>
        <source>The Salesforce address of this device is not accepted.</source>
        <translation>L&apos;adresse Salesforce de cet appareil n&apos;est pas acceptée.</translation>
    </message>
    <message>
        <source>The device storage is full. Nothing was lost.</source>
        <translation>Le stockage de l&apos;appareil est plein. Rien n&apos;a été perdu.</translation>
    </message>
    <message>
        <source>The data on this device was busy.</source>
        <translation>Les données de cet appareil étaient occupées.</translation>
    </message>
    <message>
        <source>The data on this device cannot be written.</source>
        <translation>Les données de cet appareil ne peuvent pas être écrites.</translation>
    </message>
    <message>
        <source>The data on this device could not be read or written.</source>
        <translation>Les données de cet appareil n&apos;ont pas pu être lues ou écrites.</translation>
    </message>
    <message>
        <source>The record was deleted in Salesforce.</source>
        <translation>L&apos;enregistrement a été supprimé dans Salesforce.</translation>
    </message>
    <message>
        <source>A Salesforce rule refused the record.</source>
        <translation>Une règle Salesforce a refusé l&apos;enregistrement.</translation>
    </message>
    <message>
        <source>A field Salesforce requires is empty.</source>
        <translation>Un champ obligatoire dans Salesforce est vide.</translation>
    </message>
    <message>
        <source>Salesforce already has a record with the same value.</source>
        <translation>Salesforce a déjà un enregistrement avec la même valeur.</translation>
    </message>
    <message>
        <source>Another record of the same upload was refused, so none were saved.</source>
        <translation>Un autre enregistrement du même envoi a été refusé, aucun n&apos;a donc été enregistré.</translation>
    </message>
    <message numerus="yes">
        <source>%1 - %n times, last %2</source>
        <translation>
            <numerusform>%1 – une fois, dernière&#xa0;: %2</numerusform>
            <numerusform>%1 – %n fois, dernière&#xa0;: %2</numerusform>
        </translation>
    </message>
    <message>
        <source>Salesforce did not answer (HTTP %1).</source>
        <translation>Salesforce n&apos;a pas répondu (HTTP %1).</translation>
    </message>
    <message>
        <source>Salesforce refused the request (HTTP %1).</source>
        <translation>Salesforce a refusé la demande (HTTP %1).</translation>
    </message>
    <message>
        <source>Salesforce reported an error.</source>
        <translation>Salesforce a signalé une erreur.</translation>
    </message>
    <message>
        <source>time unknown</source>
        <translation>heure inconnue</translation>
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
        <translation>Paramètres de la caisse</translation>
    </message>
</context>
<context>
    <name>ManageDataPage</name>
    <message>
        <source>Manage data</source>
        <translation>Gérer les données</translation>
    </message>
    <message>
        <source>Resync all existing records</source>
        <translation>Resynchroniser tous les enregistrements existants</translation>
    </message>
    <message>
        <source>Clear &amp; resync all records</source>
        <translation>Effacer et resynchroniser tous les enregistrements</translation>
    </message>
    <message>
        <source>Loading sync status…</source>
        <translation>Chargement de l&apos;état de synchronisation…</translation>
    </message>
    <message>
        <source>Sync objects</source>
        <translation>Objets synchronisés</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Réessayer</translation>
    </message>
    <message>
        <source>Resume all syncing</source>
        <translation>Reprendre toute la synchronisation</translation>
    </message>
    <message>
        <source>Sign in again</source>
        <translation>Se reconnecter</translation>
    </message>
    <message>
        <source>Share report</source>
        <translation>Partager le rapport</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
</context>
<context>
    <name>MoreActionsButton</name>
    <message>
        <source>More actions</source>
        <translation>Plus d&apos;actions</translation>
    </message>
</context>
<context>
    <name>ObjectDetailPage</name>
    <message>
        <source>Resync existing records</source>
        <translation>Resynchroniser les enregistrements existants</translation>
    </message>
    <message>
        <source>Clear &amp; resync records</source>
        <translation>Effacer et resynchroniser les enregistrements</translation>
    </message>
    <message>
        <source>Object</source>
        <translation>Objet</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Local records</source>
        <translation>Enregistrements locaux</translation>
    </message>
    <message>
        <source>Server records</source>
        <translation>Enregistrements sur le serveur</translation>
    </message>
    <message>
        <source>Server records (all)</source>
        <translation>Enregistrements sur le serveur (tous)</translation>
    </message>
    <message>
        <source>Unsaved records</source>
        <translation>Enregistrements non sauvegardés</translation>
    </message>
    <message>
        <source>Last synced</source>
        <translation>Dernière synchronisation</translation>
    </message>
    <message>
        <source>Sync errors</source>
        <translation>Erreurs de synchronisation</translation>
    </message>
    <message>
        <source>No sync errors</source>
        <translation>Aucune erreur de synchronisation</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>Périmètre</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Vérifier</translation>
    </message>
    <message>
        <source>On this device</source>
        <translation>Sur cet appareil</translation>
    </message>
    <message>
        <source>Database %1</source>
        <translation>Base de données %1</translation>
    </message>
    <message>
        <source>Repair</source>
        <translation>Réparer</translation>
    </message>
</context>
<context>
    <name>PageToolBar</name>
    <message>
        <source>Back</source>
        <translation>Retour</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <source>Manage data</source>
        <translation>Gérer les données</translation>
    </message>
    <message>
        <source>Sync status of the data on this device</source>
        <translation>État de synchronisation des données de cet appareil</translation>
    </message>
</context>
<context>
    <name>SyncFormatter</name>
    <message numerus="yes">
        <source>Refused %Ln time(s)</source>
        <translation>
            <numerusform>Refusé une fois</numerusform>
            <numerusform>Refusé %Ln fois</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln failed to upload</source>
        <translation>
            <numerusform>%Ln échec d&apos;envoi</numerusform>
            <numerusform>%Ln échecs d&apos;envoi</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln unsaved record(s)</source>
        <translation>
            <numerusform>%Ln enregistrement non sauvegardé</numerusform>
            <numerusform>%Ln enregistrements non sauvegardés</numerusform>
        </translation>
    </message>
    <message>
        <source>Synced %1</source>
        <translation>Synchronisés&#xa0;: %1</translation>
    </message>
    <message>
        <source>Synced %1 of %2</source>
        <translation>Synchronisés&#xa0;: %1 sur %2</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Inconnu</translation>
    </message>
    <message>
        <source>Less than 1 record/s</source>
        <translation>Moins d&apos;1 enregistrement/s</translation>
    </message>
    <message>
        <source>%1 records/s</source>
        <translation>%1 enregistrements/s</translation>
    </message>
    <message>
        <source>Less than 1 min left</source>
        <translation>Moins d&apos;1 min restante</translation>
    </message>
    <message>
        <source>%1 min left</source>
        <translation>%1 min restantes</translation>
    </message>
    <message>
        <source>%1 h left</source>
        <translation>%1 h restantes</translation>
    </message>
    <message>
        <source>%1 h %2 min left</source>
        <translation>%1 h %2 min restantes</translation>
    </message>
    <message>
        <source>Never synced</source>
        <translation>Jamais synchronisé</translation>
    </message>
    <message>
        <source>Last synced %1</source>
        <translation>Dernière synchronisation %1</translation>
    </message>
    <message>
        <source>Syncing</source>
        <translation>Synchronisation en cours</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>En pause</translation>
    </message>
    <message>
        <source>Fully synced</source>
        <translation>Entièrement synchronisé</translation>
    </message>
    <message>
        <source>Subset synced</source>
        <translation>Sous-ensemble synchronisé</translation>
    </message>
    <message>
        <source>Incomplete</source>
        <translation>Incomplet</translation>
    </message>
    <message>
        <source>Created on this device</source>
        <translation>Créé sur cet appareil</translation>
    </message>
    <message>
        <source>Changed on this device</source>
        <translation>Modifié sur cet appareil</translation>
    </message>
    <message>
        <source>Deleted on this device</source>
        <translation>Supprimé sur cet appareil</translation>
    </message>
    <message>
        <source>Saved in Salesforce</source>
        <translation>Enregistré dans Salesforce</translation>
    </message>
    <message>
        <source>Refused by Salesforce: %1</source>
        <translation>Refusé par Salesforce&#xa0;: %1</translation>
    </message>
    <message>
        <source>Refused by Salesforce (%1)</source>
        <translation>Refusé par Salesforce (%1)</translation>
    </message>
    <message>
        <source>Waiting to upload</source>
        <translation>En attente d&apos;envoi</translation>
    </message>
    <message>
        <source>Object</source>
        <translation>Objet</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Local</source>
        <translation>Local</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Serveur</translation>
    </message>
    <message>
        <source>Server (all)</source>
        <translation>Serveur (tous)</translation>
    </message>
    <message>
        <source>Unsaved</source>
        <translation>Non sauvegardés</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Échecs</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Progression</translation>
    </message>
    <message>
        <source>...</source>
        <translation>…</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1&#xa0;%</translation>
    </message>
    <message>
        <source>about %1 s</source>
        <translation>environ %1&#xa0;s</translation>
    </message>
    <message>
        <source>about %1 min</source>
        <translation>environ %1&#xa0;min</translation>
    </message>
    <message>
        <source>about %1 h</source>
        <translation>environ %1&#xa0;h</translation>
    </message>
    <message>
        <source>about %1 h %2 min</source>
        <translation>environ %1&#xa0;h %2&#xa0;min</translation>
    </message>
</context>
<context>
    <name>SyncObjectDetail</name>
    <message>
        <source>Resume syncing</source>
        <translation>Reprendre la synchronisation</translation>
    </message>
    <message>
        <source>Pause syncing</source>
        <translation>Suspendre la synchronisation</translation>
    </message>
    <message>
        <source>Checked %1</source>
        <translation>Vérifié %1</translation>
    </message>
    <message numerus="yes">
        <source>%1 · %Ln record(s)</source>
        <translation>
            <numerusform>%1 · %Ln enregistrement</numerusform>
            <numerusform>%1 · %Ln enregistrements</numerusform>
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
        <translation>Nouvel essai à la prochaine synchronisation</translation>
    </message>
    <message numerus="yes">
        <source>Retrying in %n s</source>
        <translation>
            <numerusform>Nouvel essai dans %n s</numerusform>
            <numerusform>Nouvel essai dans %n s</numerusform>
        </translation>
    </message>
    <message>
        <source>Will try again at %1</source>
        <translation>Nouvel essai à %1</translation>
    </message>
    <message>
        <source>Waiting to sync</source>
        <translation>En attente de synchronisation</translation>
    </message>
    <message>
        <source>Checking for changes</source>
        <translation>Recherche de modifications</translation>
    </message>
    <message>
        <source>Downloading changes: %1 of %2</source>
        <translation>Téléchargement des modifications&#xa0;: %1 sur %2</translation>
    </message>
    <message>
        <source>Downloading changes</source>
        <translation>Téléchargement des modifications</translation>
    </message>
    <message>
        <source>Resyncing %1 of %2</source>
        <translation>Resynchronisation&#xa0;: %1 sur %2</translation>
    </message>
    <message>
        <source>Resyncing</source>
        <translation>Resynchronisation</translation>
    </message>
    <message>
        <source>Updating fields: %1 of %2</source>
        <translation>Mise à jour des champs&#xa0;: %1 sur %2</translation>
    </message>
    <message>
        <source>Updating fields</source>
        <translation>Mise à jour des champs</translation>
    </message>
    <message>
        <source>Checking the server count</source>
        <translation>Vérification du nombre sur le serveur</translation>
    </message>
    <message>
        <source>Waiting for sign-in</source>
        <translation>En attente de connexion</translation>
    </message>
    <message>
        <source>Stopped until the error is fixed</source>
        <translation>Arrêté jusqu&apos;à la correction de l&apos;erreur</translation>
    </message>
    <message>
        <source>never</source>
        <translation>jamais</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>à l&apos;instant</translation>
    </message>
    <message numerus="yes">
        <source>%n min ago</source>
        <translation>
            <numerusform>il y a %n min</numerusform>
            <numerusform>il y a %n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h ago</source>
        <translation>
            <numerusform>il y a %n h</numerusform>
            <numerusform>il y a %n h</numerusform>
        </translation>
    </message>
    <message>
        <source>yesterday</source>
        <translation>hier</translation>
    </message>
    <message>
        <source>Downloading %1 of %2</source>
        <translation>Téléchargement&#xa0;: %1 sur %2</translation>
    </message>
    <message>
        <source>Downloading</source>
        <translation>Téléchargement</translation>
    </message>
    <message>
        <source>Only records of this outlet (%1)</source>
        <translation>Uniquement les enregistrements de ce point de vente (%1)</translation>
    </message>
    <message>
        <source>Only records of this outlet</source>
        <translation>Uniquement les enregistrements de ce point de vente</translation>
    </message>
    <message>
        <source>Only records of the open shift (%1)</source>
        <translation>Uniquement les enregistrements de la session de caisse ouverte (%1)</translation>
    </message>
    <message>
        <source>Only records of the open shift</source>
        <translation>Uniquement les enregistrements de la session de caisse ouverte</translation>
    </message>
    <message>
        <source>Only records in this device&apos;s scope</source>
        <translation>Uniquement les enregistrements du périmètre de cet appareil</translation>
    </message>
    <message>
        <source>%1: %2 of %3</source>
        <extracomment>%1 = &quot;Only records of this outlet (Berlin Mitte)&quot;, %2 records in scope, %3 all records</extracomment>
        <translation>%1 : %2 sur %3</translation>
    </message>
    <message>
        <source>Not enough free space for the next download: about %1 needed, %2 free</source>
        <translation>Espace libre insuffisant pour le prochain téléchargement : environ %1 nécessaires, %2 libres</translation>
    </message>
</context>
<context>
    <name>UnsavedRecordPage</name>
    <message>
        <source>Unsaved record</source>
        <translation>Enregistrement non sauvegardé</translation>
    </message>
    <message>
        <source>This record is no longer waiting to upload: it reached Salesforce or was discarded.</source>
        <translation>Cet enregistrement n&apos;attend plus d&apos;être envoyé : il est arrivé dans Salesforce ou a été abandonné.</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Enregistrement</translation>
    </message>
    <message>
        <source>Upload</source>
        <translation>Envoi</translation>
    </message>
    <message>
        <source>Refused by Salesforce</source>
        <translation>Refusé par Salesforce</translation>
    </message>
    <message>
        <source>Why Salesforce refused it</source>
        <translation>Pourquoi Salesforce l&apos;a refusé</translation>
    </message>
    <message>
        <source>It stays on this device. Fix the cause, in Salesforce or on the till, then use Retry upload; or discard this change.</source>
        <translation>Il reste sur cet appareil. Corrigez la cause, dans Salesforce ou sur la caisse, puis utilisez « Réessayer l&apos;envoi » ; ou abandonnez cette modification.</translation>
    </message>
    <message>
        <source>What is sent to Salesforce</source>
        <translation>Ce qui est envoyé à Salesforce</translation>
    </message>
    <message>
        <source>No fields</source>
        <translation>Aucun champ</translation>
    </message>
    <message>
        <source>Discarding…</source>
        <translation>Abandon en cours…</translation>
    </message>
    <message>
        <source>This object is uploading right now: a change can be discarded once the upload is over.</source>
        <translation>Cet objet est en cours d&apos;envoi : une modification pourra être abandonnée une fois l&apos;envoi terminé.</translation>
    </message>
    <message>
        <source>Discard this change</source>
        <translation>Abandonner cette modification</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Modification</translation>
    </message>
</context>
<context>
    <name>UnsavedRecordsPage</name>
    <message>
        <source>Unsaved records</source>
        <translation>Enregistrements non sauvegardés</translation>
    </message>
    <message>
        <source>%1: unsaved records</source>
        <translation>%1&#xa0;: enregistrements non sauvegardés</translation>
    </message>
    <message>
        <source>Retry upload</source>
        <translation>Réessayer l&apos;envoi</translation>
    </message>
    <message>
        <source>Loading unsaved records…</source>
        <translation>Chargement des enregistrements non sauvegardés…</translation>
    </message>
    <message>
        <source>Uploading…</source>
        <translation>Envoi en cours…</translation>
    </message>
    <message>
        <source>Syncing is paused for this object: its unsaved records upload when you resume syncing.</source>
        <translation>La synchronisation de cet objet est en pause&#xa0;: ses enregistrements non sauvegardés seront envoyés à la reprise de la synchronisation.</translation>
    </message>
</context>
<context>
    <name>UnsavedWords</name>
    <message>
        <source>Yes</source>
        <translation>Oui</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Non</translation>
    </message>
</context>
<context>
    <name>posdata::ManageDataController</name>
    <message>
        <source>Pause all syncing</source>
        <translation>Suspendre toute la synchronisation</translation>
    </message>
    <message>
        <source>Resume all syncing</source>
        <translation>Reprendre toute la synchronisation</translation>
    </message>
    <message>
        <source>Syncing is paused</source>
        <translation>La synchronisation est en pause</translation>
    </message>
    <message>
        <source>Syncing stopped: %1</source>
        <translation>Synchronisation arrêtée&#xa0;: %1</translation>
    </message>
    <message>
        <source>Clear &amp; resync all records?</source>
        <translation>Effacer et resynchroniser tous les enregistrements&#xa0;?</translation>
    </message>
    <message>
        <source>Clear &amp; resync %1?</source>
        <translation>Effacer et resynchroniser %1&#xa0;?</translation>
    </message>
    <message>
        <source>Clear &amp; resync records?</source>
        <translation>Effacer et resynchroniser les enregistrements&#xa0;?</translation>
    </message>
    <message>
        <source>Records will download again from Salesforce</source>
        <translation>Les enregistrements seront à nouveau téléchargés depuis Salesforce</translation>
    </message>
    <message>
        <source>Clear &amp; resync all</source>
        <translation>Tout effacer et resynchroniser</translation>
    </message>
    <message>
        <source>Clear &amp; resync</source>
        <translation>Effacer et resynchroniser</translation>
    </message>
    <message numerus="yes">
        <source>Syncing is paused for %Ln object(s)</source>
        <translation>
            <numerusform>La synchronisation est en pause pour %Ln objet</numerusform>
            <numerusform>La synchronisation est en pause pour %Ln objets</numerusform>
        </translation>
    </message>
    <message>
        <source>Salesforce refused this device&apos;s sign-in. Nothing syncs until it is accepted.</source>
        <translation>Salesforce a refusé la connexion de cet appareil. Rien n&apos;est synchronisé tant qu&apos;elle n&apos;est pas acceptée.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln object(s)</source>
        <translation>
            <numerusform>%Ln objet</numerusform>
            <numerusform>%Ln objets</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln syncing</source>
        <translation>
            <numerusform>%Ln en synchronisation</numerusform>
            <numerusform>%Ln en synchronisation</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln paused</source>
        <translation>
            <numerusform>%Ln en pause</numerusform>
            <numerusform>%Ln en pause</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln incomplete</source>
        <translation>
            <numerusform>%Ln incomplet</numerusform>
            <numerusform>%Ln incomplets</numerusform>
        </translation>
    </message>
    <message>
        <source>Clear &amp; resync removes all locally stored records of every object. Records currently in use (such as your active outlet and shift) and any unsaved records are preserved. All other local records are deleted and must re-download before they are available again.</source>
        <translation>Effacer et resynchroniser supprime tous les enregistrements stockés localement de tous les objets. Les enregistrements en cours d&apos;utilisation (comme votre point de vente et votre session de caisse actifs) et les enregistrements non sauvegardés sont conservés. Tous les autres enregistrements locaux sont supprimés et doivent être à nouveau téléchargés avant d&apos;être disponibles.</translation>
    </message>
    <message>
        <source>Clear &amp; resync removes all locally stored records of this object. Records currently in use (such as your active outlet and shift) and any unsaved records are preserved. All other local records are deleted and must re-download before they are available again.</source>
        <translation>Effacer et resynchroniser supprime tous les enregistrements stockés localement de cet objet. Les enregistrements en cours d&apos;utilisation (comme votre point de vente et votre session de caisse actifs) et les enregistrements non sauvegardés sont conservés. Tous les autres enregistrements locaux sont supprimés et doivent être à nouveau téléchargés avant d&apos;être disponibles.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln record(s) will be deleted</source>
        <translation>
            <numerusform>%Ln enregistrement sera supprimé</numerusform>
            <numerusform>%Ln enregistrements seront supprimés</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln unsaved record(s) will be kept</source>
        <translation>
            <numerusform>%Ln enregistrement non sauvegardé sera conservé</numerusform>
            <numerusform>%Ln enregistrements non sauvegardés seront conservés</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln record(s) in use will be kept</source>
        <translation>
            <numerusform>%Ln enregistrement en cours d&apos;utilisation sera conservé</numerusform>
            <numerusform>%Ln enregistrements en cours d&apos;utilisation seront conservés</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln record(s) will download again</source>
        <translation>
            <numerusform>%Ln enregistrement sera à nouveau téléchargé</numerusform>
            <numerusform>%Ln enregistrements seront à nouveau téléchargés</numerusform>
        </translation>
    </message>
    <message>
        <source>Ready to sell</source>
        <translation>Prêt à vendre</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>an object, then how much of it is in</comment>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>%1 paused</source>
        <translation>%1 en pause</translation>
    </message>
    <message>
        <source>%1 not downloading</source>
        <translation>%1 non téléchargé</translation>
    </message>
    <message>
        <source>, </source>
        <comment>between the objects of the ready-to-sell line</comment>
        <translation>, </translation>
    </message>
    <message>
        <source>Not ready: %1</source>
        <translation>Pas encore prêt&#xa0;: %1</translation>
    </message>
    <message>
        <source>Not ready: %1, %2</source>
        <translation>Pas encore prêt&#xa0;: %1, %2</translation>
    </message>
    <message>
        <source>%1, %2 free</source>
        <translation>%1, %2 libres</translation>
    </message>
    <message>
        <source>no answer</source>
        <translation>pas de réponse</translation>
    </message>
    <message>
        <source>Saving the support report...</source>
        <translation>Enregistrement du rapport d&apos;assistance…</translation>
    </message>
    <message>
        <source>The support report was not saved: %1</source>
        <translation>Le rapport d&apos;assistance n&apos;a pas été enregistré : %1</translation>
    </message>
    <message>
        <source>Support report saved: %1</source>
        <translation>Rapport d&apos;assistance enregistré : %1</translation>
    </message>
</context>
<context>
    <name>posdata::UnsavedRecordListModel</name>
    <message>
        <source>No unsaved records</source>
        <translation>Aucun enregistrement non sauvegardé</translation>
    </message>
    <message>
        <source>Showing the oldest %1 of %2</source>
        <translation>Affichage des %1 plus anciens sur %2</translation>
    </message>
    <message numerus="yes">
        <source>Uploading %Ln unsaved record(s)…</source>
        <translation>
            <numerusform>Envoi de %Ln enregistrement non sauvegardé…</numerusform>
            <numerusform>Envoi de %Ln enregistrements non sauvegardés…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>All %Ln record(s) reached Salesforce</source>
        <translation>
            <numerusform>L&apos;enregistrement est arrivé dans Salesforce</numerusform>
            <numerusform>Les %Ln enregistrements sont arrivés dans Salesforce</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Salesforce refused %Ln record(s) again</source>
        <translation>
            <numerusform>Salesforce a de nouveau refusé %Ln enregistrement</numerusform>
            <numerusform>Salesforce a de nouveau refusé %Ln enregistrements</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln record(s) uploaded</source>
        <translation>
            <numerusform>%Ln enregistrement envoyé</numerusform>
            <numerusform>%Ln enregistrements envoyés</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln refused again</source>
        <translation>
            <numerusform>%Ln de nouveau refusé</numerusform>
            <numerusform>%Ln de nouveau refusés</numerusform>
        </translation>
    </message>
    <message>
        <source>Not sent: syncing is paused for this object</source>
        <translation>Non envoyé&#xa0;: la synchronisation de cet objet est en pause</translation>
    </message>
    <message>
        <source>Not sent: waiting for sign-in</source>
        <translation>Non envoyé&#xa0;: en attente de connexion</translation>
    </message>
    <message>
        <source>%1, %2 %3, %4</source>
        <translation>%1, %2 %3, %4</translation>
    </message>
    <message numerus="yes">
        <source>Total: %Ln unsaved record(s)</source>
        <translation>
            <numerusform>Total : %Ln enregistrement non sauvegardé</numerusform>
            <numerusform>Total : %Ln enregistrements non sauvegardés</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln created</source>
        <translation>
            <numerusform>%Ln créé</numerusform>
            <numerusform>%Ln créés</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln changed</source>
        <translation>
            <numerusform>%Ln modifié</numerusform>
            <numerusform>%Ln modifiés</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln deleted</source>
        <translation>
            <numerusform>%Ln supprimé</numerusform>
            <numerusform>%Ln supprimés</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>It was made on this device and is not in Salesforce. Discarding removes it from this device: it will never be uploaded.</source>
        <translation>Il a été créé sur cet appareil et n&apos;est pas dans Salesforce. L&apos;abandonner le retire de cet appareil : il ne sera jamais envoyé.</translation>
    </message>
    <message>
        <source>The changes made to it on this device will not reach Salesforce. The record leaves this device until a resync brings back Salesforce&apos;s version.</source>
        <translation>Les modifications faites sur cet appareil n&apos;arriveront pas dans Salesforce. L&apos;enregistrement quitte cet appareil jusqu&apos;à ce qu&apos;une resynchronisation ramène la version de Salesforce.</translation>
    </message>
    <message>
        <source>It will not be deleted in Salesforce. Salesforce&apos;s version comes back to this device with the next resync.</source>
        <translation>Il ne sera pas supprimé dans Salesforce. La version de Salesforce revient sur cet appareil à la prochaine resynchronisation.</translation>
    </message>
    <message>
        <source>Discard this change to %1?</source>
        <translation>Abandonner cette modification de %1 ?</translation>
    </message>
    <message>
        <source>%1 was not discarded; nothing was lost (%2).</source>
        <translation>%1 n&apos;a pas été abandonné ; rien n&apos;a été perdu (%2).</translation>
    </message>
    <message numerus="yes">
        <source>A copy stays in this device&apos;s discarded log for %Ln day(s).</source>
        <translation>
            <numerusform>Une copie reste %Ln jour dans le journal des modifications abandonnées de cet appareil.</numerusform>
            <numerusform>Une copie reste %Ln jours dans le journal des modifications abandonnées de cet appareil.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Discarded %1. A copy stays in this device&apos;s discarded log for %Ln day(s).</source>
        <translation>
            <numerusform>%1 abandonné. Une copie reste %Ln jour dans le journal des modifications abandonnées de cet appareil.</numerusform>
            <numerusform>%1 abandonné. Une copie reste %Ln jours dans le journal des modifications abandonnées de cet appareil.</numerusform>
        </translation>
    </message>
</context>
</TS>
