"""GET /v3/role_assignments: grants as Keystone lists them, directly or in
effective mode (what actually reaches users), with names when asked.

A listed assignment is Keystone's flat ref: ``user_id`` or ``group_id``;
``project_id``, ``domain_id`` or ``system``; ``role_id``;
``inherited_to_projects`` for an inherited grant; and, in effective mode,
``indirect`` naming where it came from (a group, a parent project or domain,
a prior role). The rules of what a grant reaches are the ones
``objects.assignment`` applies to tokens.
"""

from __future__ import annotations

import copy
import dataclasses
import typing

import sqlalchemy as sa
from sqlalchemy import orm

from pocketstack.identity import errors, models
from pocketstack.identity.objects.assignment import group_ids, implications, project_ancestry

Ref = dict[str, typing.Any]


@dataclasses.dataclass(frozen=True)
class Filters:
    role_id: str | None = None
    user_id: str | None = None
    group_id: str | None = None
    system: bool = False
    domain_id: str | None = None
    project_id: str | None = None
    include_subtree: bool = False
    inherited: bool | None = None  # None: both
    effective: bool = False


def list_assignments(session: orm.Session, wanted: Filters) -> list[Ref]:
    subtree_ids = None
    if wanted.project_id and wanted.include_subtree:
        _project(session, wanted.project_id)
        subtree_ids = subtree(session, wanted.project_id)
    if wanted.effective:
        return _effective(session, wanted, subtree_ids)
    return _direct(session, wanted, subtree_ids)


def subtree(session: orm.Session, project_id: str) -> list[str]:
    """Every project below this one, nearest first."""
    found: list[str] = []
    level = [project_id]
    while level:
        level = list(
            session.scalars(sa.select(models.Project.id).where(models.Project.parent_id.in_(level)))
        )
        found.extend(level)
    return found


def _project(session: orm.Session, project_id: str) -> models.Project:
    project = session.get(models.Project, project_id)
    if project is None:
        raise errors.not_found("project", project_id)
    return project


def _query(
    session: orm.Session,
    *,
    inherited: bool | None,
    role_id: str | None = None,
    user_id: str | None = None,
    group_ids: list[str] | None = None,
    domain_id: str | None = None,
    project_ids: list[str] | None = None,
) -> list[Ref]:
    """Project and domain grants matching every filter given."""
    A = models.Assignment
    query = sa.select(A).where(A.target_type != "system")
    actors = group_ids or ([user_id] if user_id else None)
    targets = project_ids or ([domain_id] if domain_id else None)
    if role_id:
        query = query.where(A.role_id == role_id)
    if actors:
        query = query.where(A.actor_id.in_(actors))
    if targets:
        query = query.where(A.target_id.in_(targets))
    if user_id or group_ids:
        query = query.where(A.actor_type == ("user" if user_id else "group"))
    if project_ids or domain_id:
        query = query.where(A.target_type == ("project" if project_ids else "domain"))
    if inherited is not None:
        query = query.where(A.inherited == inherited)
    refs = []
    for row in session.scalars(query):
        ref: Ref = {f"{row.actor_type}_id": row.actor_id, f"{row.target_type}_id": row.target_id}
        ref["role_id"] = row.role_id
        if row.inherited:
            ref["inherited_to_projects"] = "projects"
        refs.append(ref)
    return refs


def _direct(session: orm.Session, wanted: Filters, subtree_ids: list[str] | None) -> list[Ref]:
    refs: list[Ref] = []
    if not wanted.system:
        project_ids = [*(subtree_ids or []), wanted.project_id] if wanted.project_id else None
        refs = _query(
            session,
            inherited=wanted.inherited,
            role_id=wanted.role_id,
            user_id=wanted.user_id,
            group_ids=[wanted.group_id] if wanted.group_id else None,
            domain_id=wanted.domain_id,
            project_ids=project_ids,
        )
    if wanted.system or not (wanted.project_id or wanted.domain_id):
        A = models.Assignment
        query = sa.select(A).where(A.target_type == "system")
        if wanted.user_id or wanted.group_id:
            actor_type = "user" if wanted.user_id else "group"
            query = query.where(
                A.actor_type == actor_type, A.actor_id == (wanted.user_id or wanted.group_id)
            )
        if wanted.role_id:
            query = query.where(A.role_id == wanted.role_id)
        refs += [
            {"system": {"all": True}, f"{row.actor_type}_id": row.actor_id, "role_id": row.role_id}
            for row in session.scalars(query)
        ]
    return refs


def _effective(session: orm.Session, wanted: Filters, subtree_ids: list[str] | None) -> list[Ref]:
    """What actually reaches users: groups expanded to their members,
    inherited grants to the projects below, roles to the roles they imply.
    System grants are not listed in this mode (as in Keystone)."""
    if wanted.group_id or (wanted.domain_id and wanted.inherited):
        return []
    scope = {
        "project_id": wanted.project_id,
        "subtree_ids": subtree_ids,
        "domain_id": wanted.domain_id,
        "inherited": False if wanted.domain_id else wanted.inherited,
    }
    refs = _for_actor(session, user_id=wanted.user_id, **scope)
    if wanted.user_id:
        if session.get(models.User, wanted.user_id) is None:
            raise errors.not_found("user", wanted.user_id)
        groups = group_ids(session, wanted.user_id)
        if groups:
            refs += _for_actor(session, group_ids=groups, **scope)
    expanded = [
        each
        for ref in refs
        for each in _expand(session, ref, wanted.user_id, wanted.project_id, subtree_ids)
    ]
    expanded = _add_implied(session, expanded)
    global_roles = set(
        session.scalars(sa.select(models.Role.id).where(models.Role.domain_id.is_(None)))
    )
    return [
        ref
        for ref in expanded
        if ref["role_id"] in global_roles
        and (not wanted.role_id or ref["role_id"] == wanted.role_id)
    ]


def _for_actor(
    session: orm.Session,
    *,
    inherited: bool | None,
    user_id: str | None = None,
    group_ids: list[str] | None = None,
    project_id: str | None = None,
    subtree_ids: list[str] | None = None,
    domain_id: str | None = None,
) -> list[Ref]:
    """Grants to the actor that could reach the target, before expansion."""
    actor = {"user_id": user_id, "group_ids": group_ids}
    of_interest = [*(subtree_ids or []), project_id] if project_id else None
    refs: list[Ref] = []
    if inherited is not True:
        refs += _query(
            session, inherited=False, domain_id=domain_id, project_ids=of_interest, **actor
        )
    if inherited is not False:
        if project_id:
            owner_domain, ancestors = project_ancestry(session, _project(session, project_id).id)
            refs += _query(session, inherited=True, domain_id=owner_domain, **actor)
            sources = ancestors + (of_interest if subtree_ids else [])
            if sources:
                refs += _query(session, inherited=True, project_ids=sources, **actor)
        else:
            refs += _query(session, inherited=True, **actor)
    return refs


def _expand(
    session: orm.Session,
    ref: Ref,
    user_id: str | None,
    project_id: str | None,
    subtree_ids: list[str] | None,
) -> list[Ref]:
    if ref.get("inherited_to_projects") != "projects":
        return _expand_group(session, ref, user_id) if "group_id" in ref else [ref]
    if project_id:
        project_ids = [project_id]
        if subtree_ids:
            project_ids += subtree_ids
            # Granted inside the subtree: only that part of it inherits.
            if ref.get("project_id") in project_ids:
                project_ids = subtree(session, ref["project_id"])
    elif ref.get("domain_id"):
        project_ids = list(
            session.scalars(
                sa.select(models.Project.id).where(models.Project.domain_id == ref["domain_id"])
            )
        )
    else:
        project_ids = subtree(session, ref["project_id"])
    bases = _expand_group(session, ref, user_id) if "group_id" in ref else [ref]
    return [_inherited_on(base, project) for base in bases for project in project_ids]


def _expand_group(session: orm.Session, ref: Ref, user_id: str | None) -> list[Ref]:
    """The group's grant as one grant per member (or for the one user asked about)."""
    members = (
        [user_id]
        if user_id
        else list(
            session.scalars(
                sa.select(models.Membership.user_id).where(
                    models.Membership.group_id == ref["group_id"]
                )
            )
        )
    )
    expanded = []
    for member in members:
        each = copy.deepcopy(ref)
        each["user_id"] = member
        each.setdefault("indirect", {})["group_id"] = each.pop("group_id")
        expanded.append(each)
    return expanded


def _inherited_on(base: Ref, project_id: str) -> Ref:
    ref = copy.deepcopy(base)
    indirect = ref.setdefault("indirect", {})
    if ref.get("project_id"):
        indirect["project_id"] = ref.pop("project_id")
    else:
        indirect["domain_id"] = ref.pop("domain_id")
    ref["project_id"] = project_id
    ref.pop("inherited_to_projects")
    return ref


def _add_implied(session: orm.Session, refs: list[Ref]) -> list[Ref]:
    """Each ref, plus a copy for every role its role implies (transitively),
    naming the prior role in ``indirect``."""
    rules = implications(session)
    results = list(refs)
    pending = list(refs)
    checked: list[Ref] = []
    while pending:
        ref = pending.pop()
        checked.append(ref)
        for implied_id in rules.get(ref["role_id"], ()):
            implied = copy.deepcopy(ref)
            implied["role_id"] = implied_id
            implied.setdefault("indirect", {})["role_id"] = ref["role_id"]
            if implied not in checked:  # a cycle of implications ends here
                results.append(implied)
                pending.append(implied)
    return results


def with_names(session: orm.Session, refs: list[Ref]) -> list[Ref]:
    """Each ref with the names of what it names (``include_names``); an actor
    that no longer exists is named by empty strings, as Keystone does."""
    domain_names = dict(session.execute(sa.select(models.Domain.id, models.Domain.name)).all())
    named = []
    for ref in refs:
        each = copy.deepcopy(ref)
        if "domain_id" in ref:
            each["domain_name"] = domain_names.get(ref["domain_id"], "")
        for kind, model in (("user", models.User), ("group", models.Group)):
            if f"{kind}_id" in ref:
                actor = session.get(model, ref[f"{kind}_id"])
                domain_id = actor.domain_id if actor else ""
                each[f"{kind}_name"] = actor.name if actor else ""
                each[f"{kind}_domain_id"] = domain_id
                each[f"{kind}_domain_name"] = domain_names.get(domain_id, "")
        if "project_id" in ref:
            project = _project(session, ref["project_id"])
            each["project_name"] = project.name
            each["project_domain_id"] = project.domain_id
            each["project_domain_name"] = domain_names.get(project.domain_id, "")
        role = session.get(models.Role, ref["role_id"])
        if role is None:
            raise errors.not_found("role", ref["role_id"])
        each["role_name"] = role.name
        if role.domain_id is not None:
            each["role_domain_id"] = role.domain_id
            each["role_domain_name"] = domain_names.get(role.domain_id, "")
        named.append(each)
    return named
