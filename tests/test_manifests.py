"""The action manifests: format, schema validity, annotations and the data-model contract.

Every tool the server advertises comes from one ``manifests/actions/<key>.json``. These tests pin the
catalogue (the 20 Membrane actions and Faktoora's documented write side), check each file against ``manifests/manifest.schema.json`` and
check that the input and output schemas are valid Draft 2020-12 schemas that accept what
``docs/data-model.md`` says they accept (and reject what it says they reject).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

ROOT = Path(__file__).resolve().parent.parent
MANIFESTS = ROOT / "manifests"
ACTIONS = MANIFESTS / "actions"

EXPECTED_KEYS = {
    "list-incoming-invoices",
    "list-outgoing-invoices",
    "list-products",
    "list-customers",
    "get-invoice-by-id",
    "get-invoice-by-number",
    "get-product",
    "get-customer",
    "create-product",
    "create-customer",
    "update-product",
    "update-customer",
    "delete-invoice",
    "delete-product",
    "delete-customer",
    "get-outgoing-invoice-content",
    "get-outgoing-invoice-status",
    "list-webhooks",
    "create-webhook",
    "update-webhook",
}
WRITE_SIDE_KEYS = {
    "create-outgoing-invoice",
    "correct-outgoing-invoice",
    "get-next-invoice-number",
    "verify-invoice-number",
    "get-invoice-number-template",
    "update-invoice-number-template",
    "get-invoice-validation-report",
    "import-incoming-invoice",
    "mark-invoice-paid",
}
"""Faktoora's documented REST endpoints that Membrane's connector has no action for (reference §4), and the one
sandbox-only step the everyday jobs need (recording a payment), labelled as such."""

# The exact input fields of every action (docs/data-model.md, "Action inputs").
LIST_FIELDS = {"page", "perPage", "order", "sort"}
CUSTOMER_FIELDS = {
    "isCompany",
    "name",
    "title",
    "firstName",
    "lastName",
    "nameAuthorisedSignatory",
    "address",
    "postcode",
    "city",
    "country",
    "email",
    "phoneNo",
    "faxNo",
    "customerId",
    "category",
    "vatId",
    "taxId",
    "routeId",
    "peppolId",
    "supplierNumber",
    "invoiceProfile",
    "extras",
}
PRODUCT_FIELDS = {
    "name",
    "unit",
    "tax",
    "code",
    "description",
    "price",
    "cost",
    "inventoryCount",
    "time",
    "estimate",
    "buyerAssignedID",
    "globalID",
}
EXPECTED_INPUTS: dict[str, tuple[set[str], set[str]]] = {
    # key: (all fields, required fields)
    "list-outgoing-invoices": (
        LIST_FIELDS
        | {
            "keyword",
            "invoiceNumber",
            "status",
            "customerId",
            "issueDateFrom",
            "issueDateTo",
            "dueDateFrom",
            "dueDateTo",
        },
        set(),
    ),
    "list-incoming-invoices": (
        LIST_FIELDS | {"keyword", "validationStatus", "approvalStatus", "issueDateFrom", "issueDateTo"},
        set(),
    ),
    "list-customers": (LIST_FIELDS | {"keyword", "keywords", "category"}, set()),
    "list-products": (LIST_FIELDS | {"keyword", "code"}, set()),
    "list-webhooks": ({"page", "perPage", "order"}, set()),
    "get-customer": ({"id"}, {"id"}),
    "delete-customer": ({"id"}, {"id"}),
    "get-product": ({"id"}, {"id"}),
    "delete-product": ({"id"}, {"id"}),
    "create-customer": (CUSTOMER_FIELDS, {"isCompany", "address", "postcode", "city"}),
    "update-customer": (CUSTOMER_FIELDS | {"id"}, {"id"}),
    "create-product": (PRODUCT_FIELDS, {"name", "unit", "tax"}),
    "update-product": (PRODUCT_FIELDS | {"id"}, {"id"}),
    "get-invoice-by-id": ({"faktooraId", "format"}, {"faktooraId"}),
    "get-invoice-by-number": ({"invoiceNumber", "format"}, {"invoiceNumber"}),
    "get-outgoing-invoice-content": ({"faktooraId"}, {"faktooraId"}),
    "get-outgoing-invoice-status": ({"faktooraId"}, {"faktooraId"}),
    "delete-invoice": ({"faktooraId"}, {"faktooraId"}),
    "create-webhook": ({"action", "target"}, {"action", "target"}),
    "update-webhook": ({"id", "action", "target"}, {"id"}),
    "create-outgoing-invoice": (
        {
            "customerId",
            "lines",
            "mode",
            "format",
            "invoiceTypeCode",
            "precedingInvoiceNumber",
            "issueDate",
            "dueDate",
            "paymentTermDays",
            "deliveryDate",
            "servicePeriod",
            "paymentTerms",
            "notes",
            "orderReference",
            "buyerReference",
            "invoiceNumber",
            "currency",
            "prepaid",
        },
        {"customerId", "lines"},
    ),
    "correct-outgoing-invoice": (
        {"faktooraId", "kind", "lines", "reason", "mode", "issueDate", "format"},
        {"faktooraId", "kind"},
    ),
    "get-next-invoice-number": ({"template"}, set()),
    "verify-invoice-number": ({"invoiceNumber"}, {"invoiceNumber"}),
    "get-invoice-number-template": (set(), set()),
    "update-invoice-number-template": ({"template", "padLength", "counter"}, set()),
    "get-invoice-validation-report": ({"faktooraId"}, {"faktooraId"}),
    "import-incoming-invoice": ({"xml", "pdf", "fileName", "source"}, set()),  # xml or pdf: anyOf
    "mark-invoice-paid": ({"faktooraId", "paidAt"}, {"faktooraId"}),
}

CUSTOMER_UUID = "3f1c2a9e-5b7d-4c1e-9a2b-6d8e0f1a2b3c"
PRODUCT_UUID = "9b2d4e6f-1a3c-4e5f-8a7b-0c1d2e3f4a5b"
WEBHOOK_UUID = "0e9d8c7b-6a5f-4e3d-8c1b-a0f9e8d7c6b5"


def _load(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


MANIFEST_FILES = sorted(ACTIONS.glob("*.json"))
ALL: dict[str, dict[str, Any]] = {path.stem: _load(path) for path in MANIFEST_FILES}


def _validator(schema: dict[str, Any]) -> Draft202012Validator:
    """The validator the server itself uses (Draft 2020-12 with formats, and exact ``multipleOf``)."""
    from faktoora_mcp.bounds import exact_validator

    return exact_validator(schema)


def _errors(schema: dict[str, Any], instance: Any) -> list[str]:
    return [
        f"{'/'.join(map(str, e.absolute_path)) or '<root>'}: {e.message}"
        for e in _validator(schema).iter_errors(instance)
    ]


def _input(key: str) -> dict[str, Any]:
    return ALL[key]["inputSchema"]


def _output(key: str) -> dict[str, Any]:
    return ALL[key]["outputSchema"]


def _undescribed(schema: dict[str, Any], path: str = "") -> list[str]:
    """Paths of properties (recursively, through objects and arrays of objects) that lack a description."""
    missing = []
    for name, prop in schema.get("properties", {}).items():
        here = f"{path}.{name}" if path else name
        if not isinstance(prop.get("description"), str) or not prop["description"].strip():
            missing.append(here)
        missing += _undescribed(prop, here)
        items = prop.get("items")
        if isinstance(items, dict):
            missing += _undescribed(items, f"{here}[]")
    return missing


# --------------------------------------------------------------------------- the catalogue


def test_exactly_the_twenty_actions_and_the_write_side() -> None:
    assert set(ALL) == EXPECTED_KEYS | WRITE_SIDE_KEYS


def test_only_the_payment_is_sandbox_only() -> None:
    assert {key for key, m in ALL.items() if "sandboxOnly" in m} == {"mark-invoice-paid"}
    assert ALL["mark-invoice-paid"]["description"].startswith("Sandbox only")


@pytest.mark.parametrize("path", MANIFEST_FILES, ids=lambda p: p.name)
def test_file_name_is_the_key(path: Path) -> None:
    assert path.name == f"{_load(path)['key']}.json"


@pytest.mark.parametrize("key", sorted(ALL))
def test_manifest_matches_the_manifest_schema(key: str) -> None:
    meta = _load(MANIFESTS / "manifest.schema.json")
    Draft202012Validator.check_schema(meta)
    assert _errors(meta, ALL[key]) == []


@pytest.mark.parametrize("key", sorted(ALL))
def test_schemas_are_valid_draft_2020_12(key: str) -> None:
    for name in ("inputSchema", "outputSchema"):
        schema = ALL[key][name]
        Draft202012Validator.check_schema(schema)
        assert schema["type"] == "object", name


@pytest.mark.parametrize("key", sorted(ALL))
def test_toolset_matches_the_resource(key: str) -> None:
    toolset = ALL[key]["toolset"]
    if "invoice-number" in key:
        assert toolset == "numbering"
    elif "invoice" in key:
        assert toolset == "invoices"
    else:
        assert toolset == key.rsplit("-", 1)[1].removesuffix("s") + "s"


# --------------------------------------------------------------------------- input schemas


@pytest.mark.parametrize("key", sorted(ALL))
def test_input_fields_are_exactly_the_data_model_ones(key: str) -> None:
    schema = _input(key)
    fields, required = EXPECTED_INPUTS[key]
    assert set(schema["properties"]) == fields
    assert set(schema.get("required", [])) == required
    assert schema["additionalProperties"] is False


@pytest.mark.parametrize("key", sorted(ALL))
def test_every_input_property_is_described(key: str) -> None:
    assert _undescribed(_input(key)) == []


@pytest.mark.parametrize("key", sorted(ALL))
def test_every_top_level_output_property_is_described(key: str) -> None:
    props = _output(key)["properties"]
    assert props
    assert [name for name, prop in props.items() if not prop.get("description")] == []


@pytest.mark.parametrize("key", sorted(k for k in ALL if k.startswith("list-")))
def test_list_inputs_page_the_same_way(key: str) -> None:
    props = _input(key)["properties"]
    assert props["page"] == props["page"] | {"type": "integer", "minimum": 1, "default": 1}
    assert props["perPage"] == props["perPage"] | {"type": "integer", "minimum": 1, "maximum": 1000, "default": 25}
    assert props["order"]["enum"] == ["asc", "desc"]
    assert props["order"]["default"] == "desc"
    if "sort" in props:
        assert props["sort"]["default"] in props["sort"]["enum"]


ID_FIELDS = {"id", "faktooraId", "importId", "customerId", "productId"}


def _id_schemas(schema: Any, name: str | None = None) -> list[tuple[str, dict[str, Any]]]:
    """Every schema of an identifier field, in inputs and outputs alike (customerId is the number on customers)."""
    found: list[tuple[str, dict[str, Any]]] = []
    if isinstance(schema, dict):
        if name in ID_FIELDS:
            found.append((name, schema))
        for child, sub in schema.get("properties", {}).items():
            found += _id_schemas(sub, child)
        found += _id_schemas(schema.get("items"), name)
    return found


@pytest.mark.parametrize("key", sorted(ALL))
def test_ids_assume_no_format_and_no_pattern(key: str) -> None:
    # Ids come from list tools; a live account may use any shape (issue 9, point 3).
    for name, schema in _id_schemas(_input(key)) + _id_schemas(_output(key)):
        assert "format" not in schema and "pattern" not in schema, (key, name, schema)
    for name, schema in _id_schemas(_input(key)):
        assert schema["minLength"] == 1 and schema["maxLength"] <= 100, (key, name)
    if "faktooraId" in _input(key)["properties"]:
        for any_shape in ("F45NNA1", "inv_01HX-any-shape"):
            assert [e for e in _errors(_input(key), {"faktooraId": any_shape}) if "faktooraId" in e] == []
    if key.startswith(("get-", "delete-")) and "id" in _input(key)["properties"]:
        assert _errors(_input(key), {"id": "c-404"}) == []


def _unbounded(schema: Any, path: str = "") -> list[str]:
    """Paths of strings without maxLength and numbers without both bounds (enums and consts are bounded)."""
    if not isinstance(schema, dict):
        return []
    kinds = schema.get("type")
    kinds = set(kinds) if isinstance(kinds, list) else {kinds}
    missing = []
    if "enum" not in schema and "const" not in schema:
        if "string" in kinds and "maxLength" not in schema:
            missing.append(path)
        if kinds & {"integer", "number"} and not {"maximum", "minimum"} <= schema.keys() | (
            {"minimum"} if "exclusiveMinimum" in schema else set()
        ):
            missing.append(path)
    for name, sub in schema.get("properties", {}).items():
        missing += _unbounded(sub, f"{path}.{name}")
    missing += _unbounded(schema.get("items"), f"{path}[]")
    missing += _unbounded(schema.get("additionalProperties"), f"{path}.*")
    return missing


@pytest.mark.parametrize("key", sorted(ALL))
def test_every_input_value_is_bounded(key: str) -> None:
    assert _unbounded(_input(key)) == []


@pytest.mark.parametrize("key", sorted(ALL))
def test_manifests_carry_the_bounds_table_literally(key: str) -> None:
    from faktoora_mcp.bounds import with_bounds

    assert with_bounds(_input(key)) == _input(key)


def test_four_decimals_are_in_the_schema_and_judged_exactly() -> None:
    from faktoora_mcp.bounds import exact_validator

    price = _input("create-product")["properties"]["price"]
    assert price["multipleOf"] == 0.0001
    assert exact_validator(price).is_valid(19.99)  # plain jsonschema divides floats and refuses this
    assert not exact_validator(price).is_valid(1.00001)


def test_unit_codes_are_an_enum_the_backend_accepts() -> None:
    from faktoora_mcp.backends.sandbox.rules.codes import UNIT_CODES

    for key in ("create-product", "update-product"):
        assert _input(key)["properties"]["unit"]["enum"] == list(UNIT_CODES)


def test_a_company_customer_needs_a_name_by_the_schema() -> None:
    base = {"isCompany": True, "address": "Weg 1", "postcode": "10115", "city": "Berlin"}
    assert _errors(_input("create-customer"), base) != []
    assert _errors(_input("create-customer"), base | {"name": "Firma GmbH"}) == []
    assert _errors(_input("create-customer"), base | {"isCompany": False}) == []


def test_update_webhook_needs_something_to_change_by_the_schema() -> None:
    assert _errors(_input("update-webhook"), {"id": "w-1"}) != []
    assert _errors(_input("update-webhook"), {"id": "w-1", "target": "https://hooks.example.com/x"}) == []


def test_updates_do_not_carry_create_defaults() -> None:
    # A client that fills in defaults must not reset country to DE or wipe extras on a partial update.
    for key in ("update-customer", "update-product", "update-webhook"):
        assert [n for n, p in _input(key)["properties"].items() if "default" in p] == [], key


# --------------------------------------------------------------------------- annotations


@pytest.mark.parametrize("key", sorted(ALL))
def test_annotations_follow_the_verb(key: str) -> None:
    notes = ALL[key]["annotations"]
    verb = key.split("-", 1)[0]
    if verb in ("list", "get", "verify"):
        assert notes["readOnlyHint"] is True
        assert notes["destructiveHint"] is False
    else:
        assert notes["readOnlyHint"] is False
    assert notes["destructiveHint"] is (verb == "delete")
    assert notes["idempotentHint"] is (verb not in ("create", "correct", "import"))
    # Webhooks call out to any address; an invoice written with mode deliver is mailed to the buyer.
    reaches_out = ("create-webhook", "update-webhook", "create-outgoing-invoice", "correct-outgoing-invoice")
    assert notes["openWorldHint"] is (key in reaches_out)


# --------------------------------------------------------------------------- example inputs

VALID_INPUTS = [
    ("list-outgoing-invoices", {}),
    ("list-outgoing-invoices", {"status": ["overdue"], "issueDateFrom": "2026-01-01"}),
    (
        "list-outgoing-invoices",
        {
            "page": 2,
            "perPage": 1000,
            "sort": "totalGross",
            "order": "asc",
            "keyword": "Beispiel",
            "customerId": CUSTOMER_UUID,
            "dueDateTo": "2026-03-31",
            "status": ["sent", "overdue"],
        },
    ),
    ("list-incoming-invoices", {"validationStatus": "rejected", "approvalStatus": "pending", "sort": "dueDate"}),
    ("list-customers", {"keywords": ["Müller", "Berlin"], "category": "Wholesale", "sort": "customerId"}),
    ("list-products", {"keyword": "Beratung", "code": "CONS-HOUR", "sort": "buyerAssignedID"}),
    ("list-webhooks", {"perPage": 100}),
    ("get-customer", {"id": CUSTOMER_UUID}),
    ("get-invoice-by-id", {"faktooraId": "F45NNA1", "format": "pdf"}),
    ("get-invoice-by-number", {"invoiceNumber": "2026/03/00043"}),
    (
        "create-customer",
        {
            "isCompany": True,
            "name": "Beispiel AG",
            "address": "Beispielweg 7",
            "postcode": "80331",
            "city": "München",
            "country": "DE",
            "email": "ap@beispiel.de",
            "vatId": "DE987654321",
            "routeId": "04011000-12345-34",
            "extras": {"crm": 17},
        },
    ),
    (
        "create-customer",
        {
            "isCompany": False,
            "firstName": "Eva",
            "lastName": "Huber",
            "address": "Ring 1",
            "postcode": "1010",
            "city": "Wien",
            "country": "AT",
        },
    ),
    ("update-customer", {"id": CUSTOMER_UUID, "email": "neu@beispiel.de"}),
    ("create-product", {"name": "Beratung", "unit": "HUR", "tax": 19, "price": 120, "code": "CONS-HOUR"}),
    (
        "create-product",
        {
            "name": "Buch",
            "unit": "H87",
            "tax": 7,
            "price": 19.99,
            "globalID": {"id": "4006381333931", "schemeId": "0160"},
        },
    ),
    ("update-product", {"id": PRODUCT_UUID, "price": 135.5}),
    ("delete-invoice", {"faktooraId": "FHU77GV"}),
    ("create-webhook", {"action": "invoiceCreate", "target": "https://hooks.example.com/faktoora"}),
    ("create-webhook", {"action": "invoiceCreated", "target": "http://hooks.example.com/x"}),
    ("update-webhook", {"id": WEBHOOK_UUID, "target": "https://hooks.example.com/new"}),
    ("update-webhook", {"id": WEBHOOK_UUID, "action": "validationJobCompleted"}),
]

INVALID_INPUTS = [
    ("list-outgoing-invoices", {"perPage": 5000}, "perPage above 1000"),
    ("list-outgoing-invoices", {"perPage": 0}, "perPage below 1"),
    ("list-outgoing-invoices", {"page": 0}, "page is 1-based"),
    ("list-outgoing-invoices", {"status": "overdue"}, "status is an array"),
    ("list-outgoing-invoices", {"status": ["late"]}, "unknown status"),
    ("list-outgoing-invoices", {"status": ["sent", "sent"]}, "duplicate status"),
    ("list-outgoing-invoices", {"issueDateFrom": "01.01.2026"}, "German date format"),
    ("list-outgoing-invoices", {"customerId": ""}, "an empty customer id"),
    ("list-outgoing-invoices", {"sort": "customer"}, "unknown sort field"),
    ("list-outgoing-invoices", {"limit": 10}, "unknown field"),
    ("list-incoming-invoices", {"status": ["paid"]}, "unknown field"),
    ("list-customers", {"keywords": "Müller"}, "keywords is an array"),
    ("list-products", {"order": "descending"}, "order enum"),
    ("list-webhooks", {"sort": "createdAt"}, "no sort on webhooks"),
    ("get-product", {}, "id required"),
    ("get-product", {"id": "x" * 101}, "ids are bounded"),
    ("get-invoice-by-id", {"faktooraId": "F45NNA1", "format": "docx"}, "format enum"),
    ("create-customer", {"isCompany": True, "address": "Beispielweg 7", "city": "München"}, "postcode missing"),
    (
        "create-customer",
        {"isCompany": True, "address": "A 1", "postcode": "80331", "city": "M", "country": "de"},
        "country lower case",
    ),
    (
        "create-customer",
        {"isCompany": True, "address": "A 1", "postcode": "80331", "city": "M", "email": "x"},
        "email format",
    ),
    (
        "create-customer",
        {"isCompany": True, "address": "A 1", "postcode": "80331", "city": "M", "vatId": "123456789"},
        "vatId without a country prefix",
    ),
    (
        "create-customer",
        {"isCompany": True, "address": "A 1", "postcode": "80331", "city": "M", "gender": "f"},
        "unknown field",
    ),
    ("update-customer", {"id": CUSTOMER_UUID}, "nothing to update"),
    ("create-product", {"name": "Beratung", "unit": "HUR", "tax": 16}, "tax enum"),
    ("create-product", {"name": "Beratung", "unit": "hour", "tax": 19}, "unit is a Rec 20 code"),
    ("create-product", {"name": "Beratung", "unit": "HUR", "tax": 19, "price": -1}, "negative price"),
    (
        "create-product",
        {"name": "Buch", "unit": "H87", "tax": 7, "globalID": {"id": "4006381333931"}},
        "globalID needs schemeId",
    ),
    ("update-product", {"id": PRODUCT_UUID, "stock": 3}, "unknown field"),
    ("create-webhook", {"action": "invoicePaid", "target": "https://hooks.example.com/x"}, "unknown event"),
    ("create-webhook", {"action": "invoiceCreate", "target": "ftp://hooks.example.com/x"}, "not http(s)"),
    ("create-webhook", {"action": "invoiceCreate"}, "target missing"),
    ("update-webhook", {"id": WEBHOOK_UUID}, "neither action nor target"),
    ("update-webhook", {"action": "invoiceSent", "target": "https://hooks.example.com/x"}, "id missing"),
]


@pytest.mark.parametrize(("key", "instance"), VALID_INPUTS, ids=lambda v: v if isinstance(v, str) else "")
def test_valid_inputs_pass(key: str, instance: dict[str, Any]) -> None:
    assert _errors(_input(key), instance) == []


@pytest.mark.parametrize(("key", "instance", "why"), INVALID_INPUTS, ids=[case[2] for case in INVALID_INPUTS])
def test_invalid_inputs_fail(key: str, instance: dict[str, Any], why: str) -> None:
    assert _errors(_input(key), instance) != [], why


# --------------------------------------------------------------------------- example outputs

CUSTOMER = {
    "id": CUSTOMER_UUID,
    "customerId": "003",
    "isCompany": True,
    "name": "Beispiel AG",
    "title": None,
    "firstName": None,
    "lastName": None,
    "nameAuthorisedSignatory": "Anna Schmidt",
    "address": "Beispielweg 7",
    "postcode": "80331",
    "city": "München",
    "country": "DE",
    "email": "ap@beispiel.de",
    "phoneNo": None,
    "faxNo": None,
    "category": "Wholesale",
    "vatId": "DE987654321",
    "taxId": None,
    "routeId": None,
    "peppolId": None,
    "supplierNumber": None,
    "invoiceProfile": None,
    "extras": {},
    "createdAt": "2026-03-01T10:00:00Z",
    "updatedAt": "2026-03-01T10:00:00Z",
}
PRODUCT = {
    "id": PRODUCT_UUID,
    "code": "CONS-HOUR",
    "name": "Beratung",
    "description": None,
    "unit": "HUR",
    "price": 120.0,
    "tax": 19,
    "cost": None,
    "inventoryCount": None,
    "time": 1,
    "estimate": None,
    "buyerAssignedID": None,
    "globalID": None,
    "createdAt": "2026-03-01T10:00:00Z",
    "updatedAt": "2026-03-01T10:00:00Z",
}
OUTGOING = {
    "faktooraId": "F45NNA1",
    "invoiceNumber": "2026/03/00043",
    "status": "overdue",
    "format": "xrechnung",
    "invoiceTypeCode": "380",
    "currency": "EUR",
    "issueDate": "2026-03-01",
    "dueDate": "2026-03-15",
    "deliveryDate": None,
    "paidAt": None,
    "customer": {"id": CUSTOMER_UUID, "customerId": "003", "name": "Beispiel AG"},
    "totalNet": 960.0,
    "totalTax": 182.4,
    "totalGross": 1142.4,
    "amountDue": 1142.4,
    "detailsPage": "https://app.faktoora.com/invoices/F45NNA1",
    "createdAt": "2026-03-01T10:00:00Z",
    "updatedAt": "2026-03-16T02:00:00Z",
}
INCOMING = {
    "importId": "IMP456789",
    "faktooraId": None,
    "source": "peppol",
    "fileName": "rechnung.xml",
    "mimeType": "application/xml",
    "format": "xrechnung-cii",
    "processingStatus": "done",
    "validationStatus": "accepted",
    "approvalStatus": "pending",
    "seller": {"name": "Lieferant GmbH", "vatId": "DE111222333", "city": "Hamburg", "country": "DE"},
    "invoiceNumber": "L-2026-17",
    "issueDate": "2026-02-20",
    "dueDate": None,
    "currency": "EUR",
    "totalNet": 100.0,
    "totalTax": 19.0,
    "totalGross": 119.0,
    "createdAt": "2026-02-21T08:00:00Z",
}
WEBHOOK = {
    "id": WEBHOOK_UUID,
    "action": "invoiceCreate",
    "target": "https://hooks.example.com/faktoora",
    "createdAt": "2026-03-01T10:00:00Z",
    "updatedAt": "2026-03-01T10:00:00Z",
}

LIST_RECORDS = {
    "list-customers": CUSTOMER,
    "list-products": PRODUCT,
    "list-outgoing-invoices": OUTGOING,
    "list-incoming-invoices": INCOMING,
    "list-webhooks": WEBHOOK,
}


def _page(record: dict[str, Any]) -> dict[str, Any]:
    return {"data": [record], "meta": {"page": 1, "perPage": 25, "totalItems": 1, "totalPages": 1}}


@pytest.mark.parametrize("key", sorted(LIST_RECORDS))
def test_list_output_accepts_an_example_page(key: str) -> None:
    schema = _output(key)
    assert set(schema["required"]) == {"data", "meta"}
    assert _errors(schema, _page(LIST_RECORDS[key])) == []
    empty = {"data": [], "meta": {"page": 3, "perPage": 25, "totalItems": 0, "totalPages": 0}}
    assert _errors(schema, empty) == []


@pytest.mark.parametrize("key", sorted(LIST_RECORDS))
def test_list_output_rejects_a_record_without_its_identity(key: str) -> None:
    record = dict(LIST_RECORDS[key])
    record.pop(next(iter(record)))  # the first field is the id
    assert _errors(_output(key), _page(record)) != []
    assert _errors(_output(key), {"data": [LIST_RECORDS[key]]}) != []  # meta missing


def test_output_records_are_open_for_extra_fields() -> None:
    # A real Faktoora account may answer with more fields than the data model names.
    assert _errors(_output("get-customer"), CUSTOMER | {"faktooraId": "K123", "gender": "f"}) == []
    assert _errors(_output("list-products"), _page(PRODUCT | {"additionalReferencedDocument": {}})) == []


@pytest.mark.parametrize(
    ("key", "record"),
    [
        ("get-customer", CUSTOMER),
        ("create-customer", CUSTOMER),
        ("update-customer", CUSTOMER),
        ("get-product", PRODUCT),
        ("create-product", PRODUCT),
        ("update-product", PRODUCT),
        ("create-webhook", WEBHOOK),
        ("update-webhook", WEBHOOK),
    ],
)
def test_single_record_outputs(key: str, record: dict[str, Any]) -> None:
    assert _errors(_output(key), record) == []


@pytest.mark.parametrize("key", sorted(k for k in ALL if k.startswith("delete-")))
def test_delete_outputs(key: str) -> None:
    assert _errors(_output(key), {"succeed": True}) == []
    assert _errors(_output(key), {}) != []


@pytest.mark.parametrize("key", ["get-invoice-by-id", "get-invoice-by-number"])
def test_document_outputs(key: str) -> None:
    xml = {
        "faktooraId": "F45NNA1",
        "invoiceNumber": "2026/03/00043",
        "status": "sent",
        "format": "xrechnung",
        "mimeType": "application/xml",
        "fileName": "F45NNA1.xml",
        "encoding": "utf-8",
        "sizeBytes": 5120,
        "document": "<?xml version='1.0'?><rsm:CrossIndustryInvoice/>",
    }
    assert _errors(_output(key), xml) == []
    pdf = xml | {
        "mimeType": "application/pdf",
        "fileName": "F45NNA1.pdf",
        "encoding": "base64",
        "document": "JVBERi0xLjQK",
    }
    assert _errors(_output(key), pdf) == []
    assert _errors(_output(key), xml | {"encoding": "latin-1"}) != []


def test_status_output() -> None:
    status = {
        "faktooraId": "F45NNA1",
        "invoiceNumber": "2026/03/00043",
        "status": "sent",
        "file": {"generated": True, "format": "xrechnung", "mimeTypes": ["application/xml", "application/pdf"]},
        "authorityRegistration": {"status": "not_required"},
        "delivery": {"channel": "email", "status": "delivered", "sentAt": "2026-03-01T10:05:00Z", "error": None},
        "validation": {"status": "completed", "validity": "valid", "createdAt": "2026-03-01T10:04:00Z"},
        "createdAt": "2026-03-01T10:00:00Z",
        "updatedAt": "2026-03-01T10:05:00Z",
    }
    schema = _output("get-outgoing-invoice-status")
    assert _errors(schema, status) == []
    assert _errors(schema, status | {"status": "generated"}) == []
    nothing_sent = {"channel": "none", "status": None, "sentAt": None, "error": None}
    assert _errors(schema, status | {"delivery": nothing_sent}) == []
    assert _errors(schema, status | {"validation": {"status": "pending", "validity": None, "createdAt": None}}) == []
    assert _errors(schema, status | {"delivery": nothing_sent | {"channel": "fax"}}) != []


def test_content_output() -> None:
    content = {
        "faktooraId": "F45NNA1",
        "invoiceNumber": "2026/03/00043",
        "status": "sent",
        "format": "xrechnung",
        "invoiceTypeCode": "380",
        "currency": "EUR",
        "issueDate": "2026-03-01",
        "dueDate": "2026-03-15",
        "deliveryDate": None,
        "servicePeriod": {"start": "2026-02-01", "end": "2026-02-28"},
        "paymentTerms": "14 Tage netto",
        "buyerReference": "04011000-12345-34",
        "orderReference": None,
        "seller": {
            "name": "Muster GmbH",
            "street": "Musterstr. 1",
            "postcode": "10115",
            "city": "Berlin",
            "country": "DE",
            "vatId": "DE123456789",
            "taxNumber": "30/123/45678",
            "iban": "DE02120300000000202051",
            "bic": "BYLADEM1001",
            "email": "rechnung@muster.de",
        },
        "buyer": {
            "customerId": "003",
            "name": "Beispiel AG",
            "street": "Beispielweg 7",
            "postcode": "80331",
            "city": "München",
            "country": "DE",
            "vatId": "DE987654321",
            "email": "ap@beispiel.de",
            "routeId": "04011000-12345-34",
        },
        "lines": [
            {
                "position": 1,
                "productId": PRODUCT_UUID,
                "name": "Beratung",
                "description": None,
                "quantity": 8,
                "unitCode": "HUR",
                "unitPrice": 120.0,
                "netAmount": 960.0,
                "vatCategory": "S",
                "vatRate": 19,
            },
        ],
        "vatBreakdown": [
            {"category": "S", "rate": 19, "taxableAmount": 960.0, "taxAmount": 182.4, "exemptionReason": None},
        ],
        "totals": {
            "lineTotal": 960.0,
            "taxBasis": 960.0,
            "taxTotal": 182.4,
            "grandTotal": 1142.4,
            "prepaid": 0.0,
            "amountDue": 1142.4,
        },
        "notes": [],
    }
    schema = _output("get-outgoing-invoice-content")
    assert _errors(schema, content) == []
    bad_line = content["lines"][0] | {"vatCategory": "X"}
    assert _errors(schema, content | {"lines": [bad_line]}) != []
    assert _errors(schema, {k: v for k, v in content.items() if k != "totals"}) != []


def test_one_name_for_one_idea_every_list_tool_searches_text_with_keyword(catalog):
    """keyword on every list tool that searches text; keywords (list-customers' earlier name) still accepted."""
    searching = {
        spec.key: set(spec.input_schema["properties"])
        for spec in catalog
        if spec.key.startswith("list-") and {"keyword", "keywords"} & set(spec.input_schema["properties"])
    }
    assert {"list-customers", "list-products", "list-outgoing-invoices", "list-incoming-invoices"} <= set(searching)
    assert all("keyword" in names for names in searching.values()), searching
    assert [key for key, names in searching.items() if "keywords" in names] == ["list-customers"]
