"""The words people use for Faktoora's things and verbs, in German and English, mapped onto shared concepts.

Words are written folded (``ä`` as ``ae``, ``ß`` as ``ss``, lower case) in their base form; the analyser finds
inflected forms through both languages' Snowball stems, and compounds through their parts. A concept that starts
with ``@`` is an intent: it is matched against the verb of an action's key, never against its text.
"""

from __future__ import annotations

from collections.abc import Mapping

TOPICS: Mapping[str, str] = {
    "invoice": "invoice invoices rechnung rechnungen beleg faktura bill bills billing charge berechnen abrechnen "
    "fakturieren xrechnung zugferd erechnung einvoice draft drafts entwurf entwuerfe",
    "xrechnung": "xrechnung zugferd erechnung einvoice ubl cii peppol",
    "customer": "customer customers kunde kunden kundin mandant mandanten client clients buyer kaeufer recipient "
    "empfaenger contact "
    "contacts kontakt kontakte "
    "auftraggeber abnehmer debitor debitoren",
    "product": "product products produkt produkte artikel article articles item items leistung leistungen "
    "dienstleistung service services ware waren catalogue katalog sortiment plan plans tarif tarife paket pakete "
    "package packages pauschale pauschalen",
    "supplier": "supplier suppliers lieferant lieferanten vendor vendors haendler kreditor",
    "incoming": "incoming eingang eingehend eingehende received receive empfangen empfangene erhalten erhaltene "
    "purchase einkauf payable payables reinkommen hereinkommen eingegangen eingegangene",
    "outgoing": "outgoing ausgang ausgehend ausgehende sales verkauf issued ausgestellt umsatz umsaetze revenue "
    "turnover einnahmen",
    "webhook": "webhook webhooks hook hooks callback callbacks subscription subscriptions subscribe unsubscribe "
    "abonnement abonnieren notify notification notifications benachrichtigen benachrichtige benachrichtigung "
    "benachrichtigungen informieren",
    "event": "event events ereignis ereignisse trigger whenever sobald",
    "url": "url urls target ziel endpoint endpunkt",
    "number": "number numbers nummer nummern nr numbering nummerierung",
    "template": "template vorlage format formate muster schema pattern numbering nummerierung",
    "next": "next upcoming naechste naechster naechstes kommende folgende",
    "project": "project projects projekt projekte vorhaben",
    "account": "account konto profile profil seller verkaeufer absender stammdaten",
    "company": "company firma unternehmen betrieb",
    "setting": "setting settings einstellung einstellungen flag flags option optionen modus mode enable disable "
    "aktivieren deaktivieren einschalten ausschalten abschalten",
    "paid": "paid payment payments zahlung zahlungen bezahlt beglichen settle settled ueberwiesen geld money",
    "unpaid": "unpaid unbezahlt offen open outstanding ausstehend owe owed schulden receivable receivables "
    "forderung forderungen",
    "overdue": "overdue ueberfaellig faellig late verspaetet mahnung mahnungen mahnen reminder reminders "
    "erinnerung dunning saeumig",
    "due": "due faelligkeit faelligkeitsdatum zahlungsziel zahlungsfrist",
    "date": "date dates datum zeitraum period",
    "authority": "authority authorities behoerde behoerden finanzamt",
    "status": "status stand zustand delivered zugestellt angekommen arrived delivery zustellung processing "
    "verarbeitung",
    "content": "content contents contain contains enthalten enthaelt inhalt inhalte line lines zeile zeilen position "
    "positionen posten lineitem breakdown",
    "file": "file files datei dateien document dokument pdf xml download herunterladen",
    "validation": "validation validierung valid gueltig ungueltig invalid rejected abgelehnt accepted declined "
    "refused zurueckgewiesen zurueckweisen abgewiesen "
    "akzeptiert pruefergebnis pruefbericht pruefprotokoll",
    "error": "error errors fehler mistake mistakes irrtum",
    "draft": "draft drafts entwurf entwuerfe",
    "reason": "reason reasons grund gruende why warum weshalb wieso",
    "tax": "tax steuer umsatzsteuer ust mwst mehrwertsteuer vat",
    "vatid": "vatid",  # VAT ID, USt-IdNr., Steuernummer: a field, not the id of a record
    "bank": "bank iban bic bankverbindung bankdaten bankkonto kontonummer",
    "kleinunternehmer": "kleinunternehmer kleinunternehmerin kleinunternehmerregelung",
    "code": "code codes produktcode",
    "email": "email mail",
    "address": "address adresse anschrift strasse phone telefon telefonnummer handynummer mobilnummer",
    "price": "price prices preis preise cost kosten rate rates satz stundensatz",
    "id": "id ids uuid kennung",
    "approval": "approval approvals freigabe genehmigung",
    "counter": "counter zaehler zaehlerstand sequence",
    "amount": "amount amounts betrag betraege total totals summe",
    "run": "run lauf job starten ausfuehren execute daily taeglich",
}
"""Topic concepts: what an action is about. The concept's own name is the English word the manifests use."""

INTENTS: Mapping[str, str] = {
    "@create": "create add new neu anlegen erstellen erfassen hinzufuegen register registrieren make write "
    "schreiben ausstellen einrichten eintragen aufnehmen fresh subscribe abonnieren notify benachrichtigen "
    "benachrichtige informieren put hinterlegen enter machen fertigmachen "
    "charge berechnen abrechnen fakturieren store save speichern start starten aufsetzen anbieten reinpacken reintun",
    "@list": "list auflisten liste all alle overview uebersicht every",
    "@show": "show display zeige zeigen anzeigen see sehen",
    "@get": "get fetch read view abrufen holen lesen oeffnen open details detail einsehen ansehen give gib "
    "download herunterladen runterladen aufrufen",
    "@find": "find search suche suchen finden lookup nachschlagen nachschauen nachsehen raussuchen heraussuchen "
    "durchsuchen",
    "@update": "update change edit modify rename fix correct set aendern bearbeiten korrigieren umbenennen "
    "aktualisieren anpassen setzen umstellen switch turn einschalten ausschalten abschalten aktivieren "
    "deaktivieren enable disable erlauben allow point umleiten redirect replace ersetzen reset zuruecksetzen "
    "raise lower increase decrease erhoehen senken anheben bump adjust amend alter revise tweak veraendern "
    "abaendern ueberarbeiten reduce reduzieren verringern herabsetzen runtersetzen hochsetzen nachtragen ergaenzen",
    "@delete": "delete remove erase drop loeschen entfernen unsubscribe abbestellen discard scrap trash wegwerfen wipe "
    "purge verwerfen archive archivieren rausnehmen herausnehmen kill nuke ditch stop stoppen discontinue "
    "discontinued rausschmeissen rauswerfen streichen",
    "@send": "send verschicken versenden versand senden schicken zustellen deliver resend mailen maile emailen "
    "abschicken rausschicken zuschicken",
    "@cancel": "cancel void storno stornieren stornorechnung gutschrift korrekturrechnung annul reverse widerrufen "
    "rueckgaengigmachen undo credit refund erstatten",
    "@mark": "mark markieren verbuchen buchen kennzeichnen flag",
    "@verify": "verify check pruefen pruefe free frei taken available verfuegbar exist existiert unique belegt besetzt",
    "@import": "import importieren upload hochladen einlesen einspielen",
    "@approve": "approve freigeben freigabe genehmigen release",
    "@generate": "generate generieren erzeugen vergeben zuteilen",
    "@ask": "which what who welche welcher welches wie wer how yesno",
    "@how": "howto",
}
"""Intent concepts: what the person wants done. Matched against the verb of each action's key."""

COMPOUND_MODIFIERS = frozenset({"neu"})
"""Words that start a compound though they are no thing: Neu|kunde is a new customer, a request to create one."""

COMPOUNDS: Mapping[str, str] = {
    "artikelnummer": "product code",
    "produktnummer": "product code",
    "kundennummer": "customer number",
    "rechnungsnummer": "invoice number",
    "nummernkreis": "number template",
    "zahlungserinnerung": "overdue",
    "zahlungseingang": "paid",
    "eingangsrechnung": "incoming invoice",
    "ausgangsrechnung": "outgoing invoice",
    "lieferantenrechnung": "supplier incoming invoice",
    "firmendaten": "company account",
    "idnr": "tax vatid",
    "leistungszeitraum": "date",
    "leistungsdatum": "date",
    "mahnlauf": "overdue run",
    "stundensatz": "price product",
    "sku": "product code",
    "skus": "product code",
}
"""Compounds whose meaning is not the sum of their parts, or that are too common to leave to the splitter."""

REQUEST_PHRASES: tuple[tuple[str, str, str], ...] = (
    ("n't cannot", r"\b(?:can|won|don|doesn|didn|shouldn|mustn|isn|aren|wasn|weren)'?t\b|\bcannot\b", "not"),
    ("should_ must_ sollte soll statt instead",
     r"\b(?:should|must) (?:be|cost|read|say|show|go|point)\b|\binstead(?: of)?\b|\b(?:an)?statt\b"
     r"|\bsoll(?:te|en|ten)? (?:\S+ ){0,4}?(?:sein|lauten|heissen|beginnen|anfangen|aussehen|enden)\b", "change"),
    ("new_ neue",
     r"\b(?:new|neue[rsnm]?) ((?:nach|vor|familien)?name|adresse|address|anschrift|e-?mail|telefonnummer|phone"
     r"|preis|price|url|ziel|target|iban|bankverbindung)\b", r"change \1"),
    ("possible moeglich",  # a polite request, not a question whether: "Is it possible to resend F45NNA1?"
     r"\b(?:is|would) it (?:be )?possible to\b|\b(?:ist|waere) es (?:\S+ )?moeglich\b", "howto"),
    ("can_you could_you would_you will_you kannst_du koenntest_du wuerdest_du koennen_sie koennten_sie",
     # a request put as a question: "Can you whip up an invoice?", "Kannst du mir eine Rechnung machen?"
     r"^\s*(?:(?:hi|hey|hallo|ok|okay|pls|please|bitte)\W+)?(?:can|could|would|will) you\b"
     r"|^\s*(?:(?:hi|hey|hallo|ok|okay|bitte)\W+)?(?:kannst|koenntest|wuerdest) du\b"
     r"|^\s*(?:(?:hi|hey|hallo|ok|okay|bitte)\W+)?(?:koennen|koennten|wuerden) sie\b", "howto"),
    ("whip knock", r"\b(?:whip|knock) (?:\S+ ){0,3}?up\b", "create"),
    ("going_on up_with happening happened los",  # the state of a record asked for
     r"\bwhat'?s (?:going on|up|happening) with\b|\bwhat happened to\b|\bwas ist (?:mit )?(.{0,40}?)\blos\b",
     r"status \1"),
    ("sent verschickt versendet versandt gesendet rausgegangen",  # whether it was sent asks how its delivery went
     r"^\s*(?:wurde|wurden|ist|sind|were|has|have|did)\b(.{0,60}?)"
     r"\b(?:verschickt|versendet|versandt|gesendet|rausgegangen|sent|send)\b", r"yesno \1 delivered"),
    ("am_i bin_ich", r"^\s*(?:am i|bin ich)\b", "yesno account"),  # "Am I set up as ...?": asks about the account
    ("am is are has have did does do were bin ist sind hab hat haben wurde wurden gibt",  # not "was": "what"
     r"^\s*(?:am|is|are|has|have|did|does|do|were|bin|ist|sind|hab|habe|hast|hat|haben|wurde|wurden|gibt)\b",
     "yesno"),
    ("start begin", r"\b(?:start|begin)\s+(?=\w+ing\b)", ""),
    ("gutschrift credit_note",  # a credit note of its own amount is a new document; one for an invoice reverses it
     r"\b(?:gutschrift|credit note)\s+(?:ueber|von|in hoehe von|of|for)\s+(?:eur\s?|€\s?)?[0-9]", "invoice amount"),
    ("raise issue draw make_out put_together prepare",
     r"\b(?:raise|issue|draw up|make out|put together|prepare)\s+(?:(?:an?|the|another|new)\s+)*"
     r"(invoices?|bills?|gutschrift)\b", r"create \1"),
    ("from_now ab_sofort kuenftig ab_jetzt in_future going_forward",
     r"\bfrom now on\b|\bab (?:sofort|jetzt)\b|\b(?:zu)?kuenftig\b|\bin future\b|\bgoing forward\b", "change"),
    ("next last this coming naechste letzte diese kommende",
     r"\b(?:next|last|this|coming|naechste[nrs]?|letzte[nrs]?|diese[nrs]?|kommende[nrs]?)\s+"
     r"(?:week|month|quarter|year|woche|monat|quartal|jahr)\b", "date"),
    ("muss soll",  # "Die Rechnung muss nochmal raus": it is to go out
     r"\b(?:muss|muessen|soll|sollen|sollte) (?:\S+ ){0,3}?raus\b", "send"),
    ("get_rid", r"\bget rid of\b", "remove"),
    ("set_up", r"\bset up\b", "create"),
    ("sign_up", r"\bsign(?:ed)? up\b", "register"),
    ("throw", r"\bthrow (?:\S+ ){0,3}?(?:away|out)\b", "remove"),
    ("how_ how_to wie_",
     r"\bhow (?:do|can|would|should) (?:i|we|you)\b|\bhow to\b|\bwie (?:kann|koennen|muss|soll) (?:ich|man|wir)\b",
     "howto"),
    ("wie_", r"\bwie (\S+) (?:ich|man|wir)\b", r"howto \1"),  # "Wie lege ich ... an", "wie storniert man"
    ("look_up", r"\blook up\b", "find"),
    ("rueckgaengig", r"\brueckgaengig (?:machen|gemacht)\b", "storno"),
    ("use verwenden benutzen nutzen",
     r"\b(?:can|could|may) (?:i|we) (?:still )?use\b"
     r"|\b(?:kann|koennen|darf|duerfen) (?:ich|wir|man)\s+((?:\S+\s+){0,5}?)(?:verwenden|benutzen|nutzen)\b",
     r"free \1"),
    ("vergeben", r"\b((?:ist|sind|war|schon|bereits|yesno)\s+(?:\S+\s+){0,5}?)vergeben\b", r"\1taken"),
    ("take nehmen", r"\btake (?:\S+ ){0,4}?off\b|\baus (?:dem |der |den )?\S+ nehmen\b", "remove"),
    ("be_paid bezahlt_werden", r"\b(?:can|may) be paid\b|\b(?:darf|kann) bezahlt werden\b", "approve"),
    ("posten items op-liste opliste", r"\b(?:offene[nrs]?|open|outstanding) (?:posten|items)\b|\bop-?liste\b",
     "unpaid invoices"),
    ("hat haben hast habe hatte hatten",  # the German perfect tells what happened: "Lieferant hat ... geschickt"
     r"\b((?:hat|haben|hast|habe|hatte|hatten)\b(?:\s+\S+){0,6}?)\s+(?!gezahlt\b)ge[a-z]{3,}t\b", r"\1"),
    ("moved umgezogen zieht ziehen",  # a new address stated: "Becker moved to Hamburg", "Kundin Vogt ist umgezogen"
     r"\b(?:has |have )?moved\b|\bumgezogen\b|\bzieh(?:t|en) (?:(?:\S+ ){0,4}?um\b|nach\b)", "change address"),
    ("longer mehr",  # a thing that is over: "we no longer work with Becker", "Hosting bieten wir nicht mehr an"
     r"\bno longer\b|\bnot any ?more\b|\bnicht (?:\S+ )?mehr\b|\bkein(?:e|en|er)? (?:\S+ )?mehr\b", "remove"),
    ("wrong incorrect falsch fehlerhaft stimmt",  # a value said to be wrong asks for the correction
     r"\b(?:is|are|was) (?:\S+ )?(?:wrong|incorrect)\b|\b(?:ist|sind) (?:\S+ )?(?:falsch|fehlerhaft)\b"
     r"|\bstimm(?:t|en) (?:\S+ )?nicht\b", "correct"),
    ("jetzt nun now neuerdings",
     r"\b(?:kostet|kosten|costs?|heisst|heissen|lautet|lauten|betraegt|is called) (?:jetzt|nun|now|neuerdings)\b"
     r"|\b(?:is|are|ist|sind) (?:jetzt|nun|now|neuerdings) (?=\S*[0-9])", "change"),
    ("kostet_ab kosten_ab heisst_ab lautet_ab betraegt_ab",  # a value from a date on: "kostet ab Mai 250 €"
     r"(?<!was )(?<!wie )\b(?:kostet|kosten|heisst|heissen|lautet|lauten|betraegt) ab\b", "change"),
)  # fmt: skip
"""The grammar of a request, as PHRASES are written: what it asks to be done (a question, a denied verb, a new
value, a phrasal verb). Tried on requests only, before ``PHRASES``: in a catalogue text they would only make
intent words, which the index does not keep, and their common needles (is, this, start) cost a cold index."""

PHRASES: tuple[tuple[str, str, str], ...] = (
    ("paid bezahlt beglichen",
     r"\b(?:not|nicht|never|nie|noch nicht|haven'?t|hasn'?t|wasn'?t|weren'?t)(?: yet| noch)?(?: been)?"
     r" (?:paid|bezahlt|beglichen)\b", "unpaid"),
    ("credit_note", r"\bcredit notes?\b", "gutschrift"),
    ("payment zahlung",
     r"\b(?:overdue|outstanding|late|open|offene?n?|ueberfaellige?n?|ausstehende?n?)\s+(?:payments?|zahlungen)\b",
     "overdue unpaid"),
    ("small_business", r"\bsmall business\b", "kleinunternehmer"),
    ("owe schuld",
     r"\b(?:owes?|owed|owing|schuldet|schulden)\b(?: \S+){0,2}? (?:money|geld)\b", "owe"),
    ("money geld payment zahlung",
     r"\b(?:money|payment|geld|zahlung)\b(.{0,40}?)\b(?:came in|come in|arrived|landed|received|eingegangen"
     r"|angekommen|gutgeschrieben)\b(?:\s+(?:in|into|on|auf)\s+(?:\S+\s+){0,2}?(?:account|konto)\b)?",
     r"paid \1"),
    ("approval freigegeben", r"\b(?:need|needs|awaiting|pending) approval\b|\bfreigegeben werden\b", "approval"),
    ("stop_", r"\bstop (?:sending|notifying|receiving|posting)\b", "unsubscribe"),
    ("came_in come_in", r"\bcame in\b|\bcome in\b", "received"),
    ("go_out gone_out went_out through", r"\bgo(?:ne)? out\b|\bwent out\b"
     r"|\b(?:get|got|gotten|go|gone|went|come|came) through(?= to\b|\s*[?.!,;]|\s*$)", "delivered"),
    ("vat_id vat_number ust-id ustid ust_id steuernummer",
     r"\bvat id\b|\bvat number\b|\bust-?id(?:nr)?\b|\bsteuernummer\b", "tax vatid"),
    ("line_item", r"\bline items?\b", "lines"),
    ("payable zahlbar", r"\b(?:payable|zahlbar) (?:within|in|by|until|innerhalb|binnen|bis)\b", "due"),
    ("rechnung_stellen", r"\bin rechnung stellen\b", "create invoice"),
    ("new_year", r"\bnew year\b", "year"),
    ("what's_on whats_on what_is_on was_steht was_stand was_stehen",
     r"\bwhat'?s on\b|\bwhat is on\b|\bwas (?:steht|stand|stehen|standen)\b", "content"),
    ("record_it record_that record_this record_the record_a record_payment",
     r"\brecord (?:it|that|this|the payment|a payment|payment)\b", "mark paid"),
)  # fmt: skip
"""Several words that mean one thing, as (needles, pattern, replacement): the pattern is tried only on a text that
holds one of the needles (``_`` stands for a space), which spares most descriptions a scan; applied to the folded
text before it is split into words."""

INTENT_VERBS: Mapping[str, Mapping[str, float]] = {
    "@list": {"@list": 1.0, "@get": 0.3, "@find": 1.0},
    "@show": {"@list": 1.0, "@get": 0.6, "@find": 1.0},
    "@get": {"@get": 1.0, "@list": 0.5},
    "@find": {"@list": 1.0, "@find": 1.0, "@get": 0.6},
    "@create": {"@create": 1.0, "@generate": 0.6, "@import": 0.3},
    "@update": {"@update": 1.0},
    "@delete": {"@delete": 1.0},
    "@send": {"@send": 1.0},
    "@cancel": {"@cancel": 1.0},
    "@mark": {"@mark": 1.0},
    "@verify": {"@verify": 1.0, "@get": 0.3},
    "@import": {"@import": 1.0, "@create": 0.3},
    "@approve": {"@approve": 1.0},
    "@generate": {"@generate": 1.0, "@create": 0.3, "@get": 0.3},
    "@ask": {"@list": 0.6, "@get": 0.4, "@verify": 0.3},
}
"""For each intent of a request, how well each action verb answers it (1 = exactly, 0 = not at all)."""

DENOMINAL_VERBS: Mapping[str, str] = {
    **{"email": "send", "mail": "send", "bill": "charge", "invoice": "charge", "draft": "create"},
}
"""Nouns that English uses as verbs, and the verb each then is: "email the invoice to Weber" sends it, "bill Kraus
for two days" writes an invoice. Read as the verb only where an English request puts its verb: first."""
NOUN_COMPANIONS = frozenset(
    {"address", "number", "status", "template", "content", "file", "date", "due", "id", "amount", "validation"}
    | {"counter", "setting", "xrechnung", "email"}
)
"""Concepts that, right after such a noun, make it part of a noun ("email address", "invoice number"), not a verb."""
_LEAD_INS = "hi hey hello hallo pls plz could would kindly ok okay also quickly go ahead howto"
LEAD_INS = frozenset(_LEAD_INS.split())
"""Words a request may open with before its verb ("hi, could you please email ..."), besides the stopwords."""

RECORDS = dict.fromkeys(["paid", "settled", "bezahlt", "gezahlt", "beglichen", "ueberwiesen"], "@mark")
"""Participles that state a state of one named record, and the intent that records it: "customer paid
2026/08/00012 in full", "F45NNA1 wurde überwiesen" say nothing to do but ask for the payment to be recorded (not in
a question). Participles only: "Zahlungsstatus der Rechnung F45NNA1" is about payment and asks to see it."""

QUANTIFIERS = frozenset({"all", "alle", "allen", "aller", "every", "jede", "jeden", "jedes"})
"""Words that count what a request is about; they ask to list only when no other word asks for a change."""

IMPLIED_INTENT = {"@list": 0.5, "@get": 0.25, "@find": 0.5}
"""A request with no verb at all ("supplier bills") most likely asks to see them."""

BROADER = {"unpaid": "paid"}
"""Topics of a catalogue text that imply a broader one: a description of unpaid invoices is about payment too (so
"has Weber paid?" meets the list). Not for requests: "who owes us money" is not about recording a payment."""

DEFAULT_SIDE = ("invoice", "outgoing", frozenset({"incoming", "supplier"}))
"""An invoice is one the account issued unless the request says otherwise: (concept, implied, the other side).
Actions whose key names the other side are then damped like a verb that does not fit."""
DEFAULT_SIDE_WEIGHT = 0.5
"""Implied, so half a word: enough to break a tie between the outgoing and the incoming list."""
READ_INTENTS = frozenset({"@list", "@show", "@get", "@find", "@ask", "@verify"})
"""Intents (and action verbs) that only look; any other means something is to change."""
PROCEDURE = "@how"
"""Marks "how do I ...": a question that asks to do its verb, so the verb is not weakened as in other questions."""
ABSORBS = {"@cancel": "@create"}
"""An intent that makes another one part of it: "Gutschrift erstellen", "create a credit note" is cancelling."""
QUESTION_WRITE = 0.5
"""How much a write verb counts in a question: in "which webhooks are registered?" it describes a state."""

_STOPWORD_LINES = (
    "a an the me my our we i you your of for to with and or in on some that is are do can please want",
    "need would like by from at it its this these those have has had there any many much be been",
    "does did was as into up now just still already yet so if then than when whose us them they he she",
    "his her one ok return returns returned everything anything something nothing",
    "der die das den dem des ein eine einen einem einer eines und oder in im ins am an auf aus bei mit",
    "nach von vom zu zum zur fuer ueber ich du er sie es wir ihr mir mich dir dich uns euch ist sind war",
    "waren wird werden wurde wurden hat haben hatte bitte mal schon noch nur auch doch ja nein kann",
    "koennen soll sollen will wollen moechte gibt es dass ob wenn als wo mein meine meinen meinem unser",
    "unsere unseren unserem drauf jetzt alles etwas nichts",
)
_PLURAL_WORDS = (
    "invoices bills rechnungen customers clients contacts kontakte products produkte articles items leistungen "
    "services suppliers vendors webhooks hooks subscriptions events ereignisse projects projekte settings "
    "einstellungen payments zahlungen reminders mahnungen drafts entwuerfe numbers nummern templates vorlagen files "
    "dateien documents dokumente lines zeilen positionen amounts betraege"
)
PLURALS = tuple(_PLURAL_WORDS.split())
"""Plural forms of the things people ask for, also as the end of a compound (Eingangsrechnungen): a request for
many records is not answered by an action that returns one. Not the weak nouns' -n forms (Kunden, Lieferanten),
which are singular as often as plural."""
NEGATIONS = frozenset({"not", "never", "nicht", "nie", "kein", "keine", "keinen"})
"""Words that deny the verb after them (folded; "don't" and "can't" become "not" as a phrase)."""
STOPWORDS = frozenset(word for line in _STOPWORD_LINES for word in line.split())
"""Words that carry no meaning for search in either language (folded)."""
