"""The catalogue (kind: catalogue): the company, what it sells, and its prices and terms."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from trainer.content.frozen import frozen_map
from trainer.content.shapes import Flag, Id, ListOf, Number, Obj, Text, file_kind
from trainer.content.suggest import suggestion
from trainer.errors import Location

if TYPE_CHECKING:
    import yaml

    from trainer.content.context import Reader

PRODUCT_ID_PATTERN = r"^[a-z0-9][a-z0-9._-]*$"


# ---------------------------------------------------------------------------------------------
# Model


@dataclass(frozen=True, slots=True)
class TitledText:
    title: str
    text: str


@dataclass(frozen=True, slots=True)
class EquipmentOption:
    setup: str
    offer: str


@dataclass(frozen=True, slots=True)
class Product:
    id: str
    name: str
    category: str
    summary: str
    characteristics: tuple[str, ...]
    differs: tuple[str, ...]
    packaging: str
    options: tuple[EquipmentOption, ...]
    conditions: str
    conditions_published: str
    delivery_days: int
    out_of_stock_days: int
    in_stock: bool
    substitutes: tuple[str, ...]
    price: float
    unit: str
    location: Location | None = None


@dataclass(frozen=True, slots=True)
class VolumeDiscount:
    min_quantity: int
    percent: float


@dataclass(frozen=True, slots=True)
class DeferredPayment:
    days: int
    surcharge_percent: float
    minimum_order: float


@dataclass(frozen=True, slots=True)
class Company:
    name: str
    about: str
    policies: tuple[TitledText, ...] = ()
    tools: tuple[TitledText, ...] = ()
    clients: tuple[TitledText, ...] = ()


@dataclass(frozen=True, slots=True)
class Catalogue:
    company: Company
    products: Mapping[str, Product]
    volume_discounts: tuple[VolumeDiscount, ...]
    deferred_payment: tuple[DeferredPayment, ...]
    currency: str
    path: Path

    def discount_for(self, quantity: int) -> float:
        """The volume discount in percent for an order of `quantity` items."""
        percent = 0.0
        for tier in self.volume_discounts:
            if quantity >= tier.min_quantity:
                percent = max(percent, tier.percent)
        return percent


# ---------------------------------------------------------------------------------------------
# Shape

TITLED = Obj(required={"title": Text(), "text": Text()})
COMPANY = Obj(
    required={"name": Text(), "about": Text()},
    optional={
        "policies": ListOf(item=TITLED),
        "tools": ListOf(item=TITLED),
        "clients": ListOf(item=TITLED),
    },
)
OPTION = Obj(required={"for": Text("The client's setup."), "offer": Text("What fits it.")})
PRODUCT = Obj(
    required={
        "id": Id(pattern=PRODUCT_ID_PATTERN),
        "name": Text(),
        "category": Text(),
        "summary": Text(),
        "packaging": Text(),
        "conditions": Text("Conditions of use."),
        "conditions_published": Text("Where the client can read them."),
        "unit": Text(),
        "characteristics": ListOf(item=Text()),
        "differs": ListOf("How it differs from competitors' products.", Text()),
        "delivery_days": Number("Days from our warehouse.", minimum=0, whole=True),
        "out_of_stock_days": Number("Days when it must be ordered.", minimum=0, whole=True),
        "price": Number(minimum=0),
    },
    optional={
        "options": ListOf("Compatible equipment options.", OPTION),
        "in_stock": Flag(),
        "substitutes": ListOf(
            "Products to offer when it is out of stock.", Id(pattern=PRODUCT_ID_PATTERN)
        ),
    },
)
VOLUME_DISCOUNT = Obj(
    required={
        "min_quantity": Number(minimum=1, whole=True),
        "percent": Number(minimum=0, maximum=100),
    }
)
DEFERRED_PAYMENT = Obj(
    required={
        "days": Number(minimum=1, whole=True),
        "surcharge_percent": Number(minimum=0, maximum=100),
        "minimum_order": Number(minimum=0),
    }
)
CATALOGUE = Obj(
    "The company and what it sells.",
    required={
        "kind": file_kind("catalogue"),
        "company": COMPANY,
        "products": ListOf(item=PRODUCT),
        "currency": Text(),
    },
    optional={
        "volume_discounts": ListOf(item=VOLUME_DISCOUNT),
        "deferred_payment": ListOf(item=DEFERRED_PAYMENT),
    },
)


# ---------------------------------------------------------------------------------------------
# Parser


def parse_catalogue(reader: Reader, root: yaml.Node) -> Catalogue | None:
    fields = reader.mapping(root, "the catalogue", CATALOGUE)
    if fields is None:
        return None
    company = _company(reader, fields["company"]) if "company" in fields else None
    currency = reader.string(fields["currency"], "currency") if "currency" in fields else None
    products: dict[str, Product] = {}
    product_nodes = (
        reader.sequence(fields["products"], "products") if "products" in fields else None
    )
    for item in product_nodes or []:
        product = _product(reader, item)
        if product is None:
            continue
        if product.id in products:
            reader.error(item, f"two products have the id '{product.id}'")
            continue
        products[product.id] = product
    for product in products.values():
        for substitute in product.substitutes:
            if substitute not in products:
                reader.error(
                    product.location or Location(reader.path),
                    f"product '{product.id}' names substitute '{substitute}', which does not "
                    f"exist{suggestion(substitute, products)}",
                )
    discounts = []
    for item in (
        reader.sequence(fields["volume_discounts"], "volume_discounts") or []
        if "volume_discounts" in fields
        else []
    ):
        entry = reader.mapping(item, "a volume discount", VOLUME_DISCOUNT)
        if entry is None or len(entry) != 2:
            continue
        quantity = reader.integer(entry["min_quantity"], "min_quantity", 1)
        percent = reader.number(entry["percent"], "percent", 0, 100)
        if quantity is not None and percent is not None:
            discounts.append(VolumeDiscount(quantity, percent))
    terms = []
    for item in (
        reader.sequence(fields["deferred_payment"], "deferred_payment") or []
        if "deferred_payment" in fields
        else []
    ):
        entry = reader.mapping(item, "a deferred-payment term", DEFERRED_PAYMENT)
        if entry is None or len(entry) != 3:
            continue
        days = reader.integer(entry["days"], "days", 1)
        surcharge = reader.number(entry["surcharge_percent"], "surcharge_percent", 0, 100)
        minimum = reader.number(entry["minimum_order"], "minimum_order", 0)
        if days is not None and surcharge is not None and minimum is not None:
            terms.append(DeferredPayment(days, surcharge, minimum))
    if company is None or currency is None or product_nodes is None:
        return None
    return Catalogue(
        company,
        frozen_map(products),
        tuple(sorted(discounts, key=lambda d: d.min_quantity)),
        tuple(terms),
        currency,
        reader.path,
    )


def _company(reader: Reader, node: yaml.Node) -> Company | None:
    fields = reader.mapping(node, "company", COMPANY)
    if fields is None:
        return None
    name = reader.string(fields["name"], "the company name") if "name" in fields else None
    about = reader.string(fields["about"], "about") if "about" in fields else None
    sections = {
        key: _titled_texts(reader, fields[key], key) if key in fields else ()
        for key in ("policies", "tools", "clients")
    }
    if name is None or about is None:
        return None
    return Company(name, about, sections["policies"], sections["tools"], sections["clients"])


_PRODUCT_TEXTS = (
    "name",
    "category",
    "summary",
    "packaging",
    "conditions",
    "conditions_published",
    "unit",
)


def _product(reader: Reader, node: yaml.Node) -> Product | None:
    fields = reader.mapping(node, "a product", PRODUCT)
    if fields is None:
        return None
    product_id = None
    if "id" in fields:
        product_id = reader.string(fields["id"], "the product id")
        if product_id is not None and not re.match(PRODUCT_ID_PATTERN, product_id):
            reader.error(
                fields["id"],
                f"product id '{product_id}' may use lower-case letters, digits, '.', '_' and '-'",
            )
            product_id = None
    texts = {
        key: reader.string(fields[key], key) if key in fields else None for key in _PRODUCT_TEXTS
    }
    options = []
    for item in reader.sequence(fields["options"], "options") or [] if "options" in fields else []:
        entry = reader.mapping(item, "an equipment option", OPTION)
        if entry is None or len(entry) != 2:
            continue
        setup = reader.string(entry["for"], "for")
        offer = reader.string(entry["offer"], "offer")
        if setup and offer:
            options.append(EquipmentOption(setup, offer))
    substitutes = (
        tuple(item for item, _ in reader.id_list(fields["substitutes"], "substitutes"))
        if "substitutes" in fields
        else ()
    )
    numbers = {
        "delivery_days": reader.integer(fields["delivery_days"], "delivery_days", 0)
        if "delivery_days" in fields
        else None,
        "out_of_stock_days": reader.integer(fields["out_of_stock_days"], "out_of_stock_days", 0)
        if "out_of_stock_days" in fields
        else None,
    }
    price = reader.number(fields["price"], "price", 0) if "price" in fields else None
    in_stock = reader.boolean(fields["in_stock"], "in_stock") if "in_stock" in fields else True
    characteristics = (
        reader.strings(fields["characteristics"], "characteristics")
        if "characteristics" in fields
        else ()
    )
    differs = reader.strings(fields["differs"], "differs") if "differs" in fields else ()
    if (
        product_id is None
        or price is None
        or in_stock is None
        or any(value is None for value in (*texts.values(), *numbers.values()))
    ):
        return None
    return Product(
        id=product_id,
        name=texts["name"] or "",
        category=texts["category"] or "",
        summary=texts["summary"] or "",
        characteristics=characteristics,
        differs=differs,
        packaging=texts["packaging"] or "",
        options=tuple(options),
        conditions=texts["conditions"] or "",
        conditions_published=texts["conditions_published"] or "",
        delivery_days=numbers["delivery_days"] or 0,
        out_of_stock_days=numbers["out_of_stock_days"] or 0,
        in_stock=in_stock,
        substitutes=substitutes,
        price=price,
        unit=texts["unit"] or "",
        location=reader.loc(node),
    )


def _titled_texts(reader: Reader, node: yaml.Node, what: str) -> tuple[TitledText, ...]:
    result = []
    for item in reader.sequence(node, what) or []:
        fields = reader.mapping(item, f"each entry of {what}", TITLED)
        if fields is None:
            continue
        title = reader.string(fields["title"], "title") if "title" in fields else None
        text = reader.string(fields["text"], "text") if "text" in fields else None
        if title and text:
            result.append(TitledText(title, text))
    return tuple(result)
