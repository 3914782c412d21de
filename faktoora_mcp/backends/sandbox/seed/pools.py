"""Fixed pools the seed draws from: places, names, a product catalogue and suppliers.

Plain data only; ``company.py`` decides what to pick. Postcodes are real for their cities, so the demo
data passes the same checks as a person's input.
"""

from __future__ import annotations

DE_PLACES = (
    ("10115", "Berlin"),
    ("80331", "München"),
    ("20095", "Hamburg"),
    ("50667", "Köln"),
    ("60311", "Frankfurt am Main"),
    ("70173", "Stuttgart"),
    ("04109", "Leipzig"),
    ("01067", "Dresden"),
    ("40213", "Düsseldorf"),
    ("90402", "Nürnberg"),
    ("30159", "Hannover"),
    ("28195", "Bremen"),
    ("44135", "Dortmund"),
    ("45127", "Essen"),
    ("53111", "Bonn"),
    ("68159", "Mannheim"),
    ("76133", "Karlsruhe"),
    ("24103", "Kiel"),
    ("93047", "Regensburg"),
    ("79098", "Freiburg"),
)
AT_PLACES = (("1010", "Wien"), ("8010", "Graz"), ("4020", "Linz"), ("5020", "Salzburg"), ("6020", "Innsbruck"))
CH_PLACES = (("8001", "Zürich"), ("3011", "Bern"), ("4051", "Basel"), ("6003", "Luzern"), ("9000", "St. Gallen"))

STREETS = (
    "Hauptstraße",
    "Bahnhofstraße",
    "Schillerstraße",
    "Goethestraße",
    "Lindenallee",
    "Industriestraße",
    "Am Markt",
    "Gartenweg",
    "Mühlenweg",
    "Parkstraße",
    "Kirchplatz",
    "Rosenstraße",
    "Ringstraße",
    "Hafenstraße",
)

COMPANY_STEMS = (
    "Nordlicht",
    "Bergblick",
    "Rheinwerk",
    "Elbsand",
    "Alpenglanz",
    "Lindner",
    "Hoffmann",
    "Weber",
    "Kranich",
    "Sonnenfeld",
    "Brückner",
    "Tannhaus",
    "Falkenstein",
    "Seeblick",
    "Eichwald",
    "Morgenrot",
    "Kessler",
    "Vogel",
)
COMPANY_TRADES = (
    "Logistik",
    "Bau",
    "Medien",
    "Software",
    "Handel",
    "Consulting",
    "Gastronomie",
    "Elektrotechnik",
    "Design",
    "Immobilien",
    "Maschinenbau",
    "Druck",
)
DE_LEGAL_FORMS = ("GmbH", "GmbH & Co. KG", "AG", "KG", "UG (haftungsbeschränkt)", "e.K.")
AT_LEGAL_FORMS = ("GmbH", "KG", "OG")
CH_LEGAL_FORMS = ("AG", "GmbH")

PUBLIC_BUYERS = (
    ("Stadtverwaltung", "Amt für Digitalisierung"),
    ("Landratsamt", "Kreiskasse"),
    ("Bezirksamt", "Serviceeinheit Finanzen"),
)

FIRST_NAMES = ("Anna", "Lukas", "Marie", "Jonas", "Sophie", "Felix", "Lea", "Paul", "Hannah", "Leon", "Emma", "Ben")
LAST_NAMES = (
    "Müller",
    "Schmidt",
    "Schneider",
    "Fischer",
    "Meyer",
    "Wagner",
    "Becker",
    "Schulz",
    "Koch",
    "Richter",
    "Wolf",
    "Neumann",
    "Schwarz",
    "Zimmermann",
    "Krüger",
)
TITLES = ("Dr.", "Prof. Dr.")

CATEGORIES = ("wholesale", "retail", "agency", "industry")

PRODUCTS = (
    # name, unit, tax, net price, purchase cost or None, description
    ("Beratungsstunde", "HUR", 19, "120.00", None, "IT-Beratung nach Aufwand, je angefangene Stunde"),
    ("Senior-Beratungsstunde", "HUR", 19, "165.00", None, "Architektur- und Prozessberatung"),
    ("Workshop-Tag", "DAY", 19, "1200.00", None, "Ganztägiger Workshop vor Ort, bis 12 Teilnehmende"),
    ("Remote-Workshop (halber Tag)", "LS", 19, "650.00", None, "Online-Workshop, 4 Stunden"),
    ("Wartungsvertrag Basis", "MON", 19, "89.90", None, "Monatliche Wartung, Reaktionszeit 2 Werktage"),
    ("Wartungsvertrag Premium", "MON", 19, "249.00", None, "Monatliche Wartung, Reaktionszeit 4 Stunden"),
    ("Hosting-Paket S", "MON", 19, "19.99", "7.50", "Webhosting inkl. 50 GB Speicher"),
    ("Hosting-Paket L", "MON", 19, "59.99", "21.00", "Webhosting inkl. 500 GB Speicher"),
    ("Softwarelizenz (Jahr)", "ANN", 19, "480.00", "120.00", "Jahreslizenz je Arbeitsplatz"),
    ("Schulung je Teilnehmer", "C62", 19, "349.00", None, "Anwenderschulung E-Rechnung, ein Tag"),
    ("Fachbuch E-Rechnung in der Praxis", "H87", 7, "39.90", "24.00", "Gebundene Ausgabe, 2. Auflage"),
    ("Fachzeitschrift (Jahresabo)", "ANN", 7, "118.00", "70.00", "12 Ausgaben, Print"),
    ("Bio-Kaffee (1 kg)", "KGM", 7, "18.50", "9.80", "Ganze Bohne, fair gehandelt"),
    ("Mineralwasser (Kasten)", "XCT", 19, "7.49", "4.10", "12 × 0,75 l Glas"),
    ("Druckerpapier A4 (500 Blatt)", "XPK", 19, "5.49", "3.20", "80 g/m², weiß"),
    ("Toner schwarz", "H87", 19, "74.90", "41.00", "Kompatibel mit Laserdruckern der Serie M"),
    ("Netzwerkkabel Cat6", "MTR", 19, "0.8750", "0.3100", "Meterware, geschirmt"),
    ("Glasfaserpatchkabel 2 m", "H87", 19, "12.95", "5.40", "LC/LC, Duplex"),
    ("Photovoltaikmodul 410 W", "H87", 0, "189.00", "142.00", "Nullsteuersatz nach § 12 Abs. 3 UStG"),
    ("Stromspeicher 5 kWh", "H87", 0, "2890.00", "2210.00", "Nullsteuersatz nach § 12 Abs. 3 UStG"),
    ("Ökostrom", "KWH", 19, "0.3120", None, "Arbeitspreis je Kilowattstunde"),
    ("Versandpauschale", "LS", 19, "6.90", "4.99", "Paketversand innerhalb Deutschlands"),
    ("Reisekostenpauschale", "LS", 19, "85.00", None, "Anfahrt im Stadtgebiet"),
    ("Kilometerpauschale", "KMT", 19, "0.5500", None, "Je gefahrenem Kilometer"),
    ("Montage (Arbeitsstunde)", "LH", 19, "78.00", None, "Montage durch Fachpersonal"),
    ("Projektpauschale Website", "LS", 19, "4500.00", None, "Konzeption, Design und Umsetzung"),
    ("Fotoproduktion (Tag)", "DAY", 19, "980.00", None, "Inklusive Nutzungsrechte für Web"),
    ("Lektorat je Seite", "C62", 7, "4.20", None, "Sprachliche Prüfung je Normseite"),
    ("Büromöbel Schreibtisch", "H87", 19, "429.00", "265.00", "Höhenverstellbar, 160 × 80 cm"),
    ("Bürostuhl ergonomisch", "H87", 19, "319.00", "190.00", "Mit Lordosenstütze"),
)

SUPPLIERS = (
    # name, city, country, has a German VAT ID
    ("Telekom Deutschland GmbH", "Bonn", "DE", True),
    ("Hetzner Online GmbH", "Gunzenhausen", "DE", True),
    ("Bürobedarf Schmidt KG", "Leipzig", "DE", True),
    ("Stadtwerke München GmbH", "München", "DE", True),
    ("Deutsche Bahn AG", "Berlin", "DE", True),
    ("Kanzlei Wolf & Partner", "Hamburg", "DE", True),
    ("Druckerei Neumann e.K.", "Köln", "DE", False),
    ("Café Morgenrot", "Berlin", "DE", False),
    ("Alpen Software GmbH", "Wien", "AT", False),
    ("Helvetia Cloud AG", "Zürich", "CH", False),
)

PAYMENT_TERMS = {14: "Zahlbar innerhalb von 14 Tagen ohne Abzug.", 30: "Zahlbar innerhalb von 30 Tagen netto."}
