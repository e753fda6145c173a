"""/v2/metadefs: namespaces and their objects, properties, tags and
resource-type associations."""

from __future__ import annotations

import typing

from sqlalchemy import orm
from starlette.responses import Response

from pocketstack.api import responses
from pocketstack.api.request import ApiRequest
from pocketstack.image import models, schemas
from pocketstack.image.handlers import authorize, caller, isotime, runtime
from pocketstack.image.objects import metadef

NAMESPACE_FIELDS = ("namespace", "display_name", "description", "visibility", "protected")
BASE = "/v2/metadefs/namespaces"


def _stamps(row: typing.Any) -> dict:
    return {"created_at": isotime(row.created_at), "updated_at": isotime(row.updated_at)}


def namespace_view(session: orm.Session, ns: models.MetadefNamespace) -> dict:
    body = {key: getattr(ns, key) for key in (*NAMESPACE_FIELDS, "owner")}
    body = {k: v for k, v in body.items() if v is not None}
    body.update(_stamps(ns), schema="/v2/schemas/metadefs/namespace", self=f"{BASE}/{ns.namespace}")
    tags = [{"name": t.name} for t in metadef.items(session, ns, "tag")]
    if tags:
        body["tags"] = tags
    kinds = [association_view(a, name) for a, name in metadef.associations(session, ns)]
    if kinds:
        body["resource_type_associations"] = kinds
    properties = {p.name: p.body for p in metadef.items(session, ns, "property")}
    if properties:
        body["properties"] = properties
    objects = [object_view(ns, o) for o in metadef.items(session, ns, "object")]
    if objects:
        body["objects"] = objects
    return body


def object_view(ns: models.MetadefNamespace, item: models.MetadefObject) -> dict:
    return {
        **item.body,
        "name": item.name,
        **_stamps(item),
        "schema": "/v2/schemas/metadefs/object",
        "self": f"{BASE}/{ns.namespace}/objects/{item.name}",
    }


def property_view(item: models.MetadefObject) -> dict:
    return {**item.body, "name": item.name}


def tag_view(item: models.MetadefObject) -> dict:
    return {"name": item.name, **_stamps(item)}


def association_view(association: models.MetadefAssociation, name: str) -> dict:
    body = {"name": name, **_stamps(association)}
    for key in ("prefix", "properties_target"):
        if getattr(association, key) is not None:
            body[key] = getattr(association, key)
    return body


def _namespace(req: ApiRequest, session: orm.Session, rule: str) -> models.MetadefNamespace:
    ns = metadef.namespace(session, req.params["namespace"], caller(req))
    authorize(req, rule, {"project_id": ns.owner, "visibility": ns.visibility})
    return ns


def list_namespaces(req: ApiRequest) -> Response:
    authorize(req, "get_metadef_namespaces", {"project_id": req.context.project_id})
    with runtime(req).database.reader() as session:
        found = [namespace_view(session, ns) for ns in metadef.namespaces(session, caller(req))]
    return responses.json(
        {"namespaces": found, "first": BASE, "schema": "/v2/schemas/metadefs/namespaces"}
    )


def create_namespace(req: ApiRequest) -> Response:
    body = dict(req.validated(schemas.OBJECT))
    authorize(req, "add_metadef_namespace", {"project_id": req.context.project_id})
    schemas.check("metadefs/namespace", body)
    fields = {k: body[k] for k in NAMESPACE_FIELDS if k in body}
    fields.setdefault("visibility", "private")
    fields["owner"] = body.get("owner") or req.context.project_id
    with runtime(req).database.transaction() as session:
        ns = metadef.create_namespace(session, fields)
        return responses.json(namespace_view(session, ns), 201)


def show_namespace(req: ApiRequest) -> Response:
    with runtime(req).database.reader() as session:
        ns = _namespace(req, session, "get_metadef_namespace")
        return responses.json(namespace_view(session, ns))


def update_namespace(req: ApiRequest) -> Response:
    body = req.validated(schemas.OBJECT)
    schemas.check("metadefs/namespace", body)
    with runtime(req).database.transaction() as session:
        ns = _namespace(req, session, "modify_metadef_namespace")
        for key in NAMESPACE_FIELDS:
            if key in body:
                setattr(ns, key, body[key])
        ns.updated_at = metadef.timeutils.utcnow()
        session.flush()
        return responses.json(namespace_view(session, ns))


def delete_namespace(req: ApiRequest) -> Response:
    with runtime(req).database.transaction() as session:
        metadef.delete_namespace(session, _namespace(req, session, "delete_metadef_namespace"))
    return responses.no_content()


# Objects, properties and tags share one shape: (kind, schema, view, rules).
def _item_handlers(kind: str, plural: str, view: typing.Callable, list_key: str):
    rules = {
        "list": f"get_metadef_{plural}",
        "show": f"get_metadef_{kind}",
        "add": f"add_metadef_{kind}",
        "modify": f"modify_metadef_{kind}",
        "delete": f"{'remove' if kind == 'property' else 'delete'}_metadef_{kind}",
    }

    def listing(req: ApiRequest) -> Response:
        with runtime(req).database.reader() as session:
            ns = _namespace(req, session, rules["list"])
            found = metadef.items(session, ns, kind)
            if kind == "property":
                return responses.json({"properties": {i.name: i.body for i in found}})
            shown = [view(ns, i) if kind == "object" else view(i) for i in found]
            return responses.json({list_key: shown})

    def create(req: ApiRequest) -> Response:
        # A tag is created from its path alone (POST .../tags/{name}, no body).
        body = dict(req.validated(schemas.OBJECT)) if req.body else {}
        with runtime(req).database.transaction() as session:
            ns = _namespace(req, session, rules["add"])
            name = req.params.get("name") or body.pop("name", None)
            schemas.check(f"metadefs/{kind}", {**body, "name": name})
            item = metadef.put_item(session, ns, kind, name, body)
            return responses.json(view(ns, item) if kind == "object" else view(item), 201)

    def show(req: ApiRequest) -> Response:
        with runtime(req).database.reader() as session:
            ns = _namespace(req, session, rules["show"])
            item = metadef.item(session, ns, kind, req.params["name"])
            return responses.json(view(ns, item) if kind == "object" else view(item))

    def update(req: ApiRequest) -> Response:
        body = dict(req.validated(schemas.OBJECT))
        with runtime(req).database.transaction() as session:
            ns = _namespace(req, session, rules["modify"])
            item = metadef.item(session, ns, kind, req.params["name"])
            name = body.pop("name", item.name)
            schemas.check(f"metadefs/{kind}", {**body, "name": name})
            body = {
                k: v
                for k, v in body.items()
                if k not in ("schema", "self", "created_at", "updated_at")
            }
            item = metadef.put_item(session, ns, kind, name, body, existing=item)
            return responses.json(view(ns, item) if kind == "object" else view(item))

    def delete(req: ApiRequest) -> Response:
        with runtime(req).database.transaction() as session:
            ns = _namespace(req, session, rules["delete"])
            session.delete(metadef.item(session, ns, kind, req.params["name"]))
        return responses.no_content()

    def delete_all(req: ApiRequest) -> Response:
        with runtime(req).database.transaction() as session:
            ns = _namespace(req, session, "modify_metadef_namespace")
            metadef.delete_items(session, ns, kind)
        return responses.no_content()

    return listing, create, show, update, delete, delete_all


(list_objects, create_object, show_object, update_object, delete_object, delete_objects) = (
    _item_handlers("object", "objects", object_view, "objects")
)
(
    list_properties,
    create_property,
    show_property,
    update_property,
    delete_property,
    delete_properties,
) = _item_handlers("property", "properties", property_view, "properties")
(list_tags, create_tag, show_tag, update_tag, delete_tag, delete_tags) = _item_handlers(
    "tag", "tags", tag_view, "tags"
)


def create_tags(req: ApiRequest) -> Response:
    body = req.validated(schemas.OBJECT)
    append = req.headers.get("x-openstack-append", "false").lower() == "true"
    names = [t.get("name") for t in body.get("tags", []) if isinstance(t, dict)]
    with runtime(req).database.transaction() as session:
        ns = _namespace(req, session, "add_metadef_tags")
        if not append:
            metadef.delete_items(session, ns, "tag")
        existing = {t.name for t in metadef.items(session, ns, "tag")}
        for name in names:
            if name not in existing:
                metadef.put_item(session, ns, "tag", name, {})
        found = [tag_view(t) for t in metadef.items(session, ns, "tag")]
    return responses.json({"tags": found}, 201)


def list_resource_types(req: ApiRequest) -> Response:
    authorize(req, "list_metadef_resource_types", {"project_id": req.context.project_id})
    with runtime(req).database.reader() as session:
        kinds = session.scalars(
            metadef.sa.select(models.MetadefResourceType).order_by(models.MetadefResourceType.name)
        )
        found = [{"name": k.name, **_stamps(k)} for k in kinds]
    return responses.json({"resource_types": found})


def list_associations(req: ApiRequest) -> Response:
    with runtime(req).database.reader() as session:
        ns = _namespace(req, session, "get_metadef_resource_type")
        found = [association_view(a, name) for a, name in metadef.associations(session, ns)]
    return responses.json({"resource_type_associations": found})


def create_association(req: ApiRequest) -> Response:
    body = req.validated(schemas.OBJECT)
    schemas.check("metadefs/resource_type", body)
    with runtime(req).database.transaction() as session:
        ns = _namespace(req, session, "add_metadef_resource_type_association")
        created = metadef.associate(
            session, ns, body["name"], body.get("prefix"), body.get("properties_target")
        )
        return responses.json(association_view(created, body["name"]), 201)


def delete_association(req: ApiRequest) -> Response:
    with runtime(req).database.transaction() as session:
        ns = _namespace(req, session, "remove_metadef_resource_type_association")
        metadef.dissociate(session, ns, req.params["name"])
    return responses.no_content()
