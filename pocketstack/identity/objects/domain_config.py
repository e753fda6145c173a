"""Domain-specific configuration: a domain's own [identity] and [ldap] options.

Only the options Keystone lists may be stored: the whitelisted ones, which
are shown, and the sensitive ones (the LDAP password), which are stored but
never shown. Any other group or option is refused in Keystone's words.
"""

from __future__ import annotations

import typing
from collections.abc import Iterable, Mapping

import sqlalchemy as sa
from sqlalchemy import orm

from pocketstack.api import errors as api_errors
from pocketstack.identity import errors, models
from pocketstack.identity.objects.domain import DEFAULT_ID

Config = dict[str, typing.Any]

# The options a domain may set and shown, with Keystone's defaults for them.
WHITELISTED: dict[str, dict[str, typing.Any]] = {
    "identity": {"driver": "sql", "list_limit": None},
    "ldap": {
        "url": "ldap://localhost",
        "user": None,
        "suffix": "cn=example,cn=com",
        "query_scope": "one",
        "page_size": 0,
        "alias_dereferencing": "default",
        "debug_level": None,
        "chase_referrals": None,
        "user_tree_dn": None,
        "user_filter": None,
        "user_objectclass": "inetOrgPerson",
        "user_id_attribute": "cn",
        "user_name_attribute": "sn",
        "user_mail_attribute": "mail",
        "user_description_attribute": "description",
        "user_pass_attribute": "userPassword",
        "user_enabled_attribute": "enabled",
        "user_enabled_invert": False,
        "user_enabled_mask": 0,
        "user_enabled_default": "True",
        "user_attribute_ignore": ["default_project_id"],
        "user_default_project_id_attribute": None,
        "user_enabled_emulation": False,
        "user_enabled_emulation_dn": None,
        "user_enabled_emulation_use_group_config": False,
        "user_additional_attribute_mapping": [],
        "group_tree_dn": None,
        "group_filter": None,
        "group_objectclass": "groupOfNames",
        "group_id_attribute": "cn",
        "group_name_attribute": "ou",
        "group_members_are_ids": False,
        "group_member_attribute": "member",
        "group_desc_attribute": "description",
        "group_attribute_ignore": [],
        "group_additional_attribute_mapping": [],
        "tls_cacertfile": None,
        "tls_cacertdir": None,
        "use_tls": False,
        "tls_req_cert": "demand",
        "use_pool": True,
        "pool_size": 10,
        "pool_retry_max": 3,
        "pool_retry_delay": 0.1,
        "pool_connection_timeout": -1,
        "pool_connection_lifetime": 600,
        "use_auth_pool": True,
        "auth_pool_size": 100,
        "auth_pool_connection_lifetime": 60,
    },
}
# Stored, never shown.
SENSITIVE: dict[str, tuple[str, ...]] = {"identity": (), "ldap": ("password",)}
# The default domain's password rules, readable by anyone. pocketstack checks
# passwords against no pattern: Keystone's defaults say so.
SECURITY_COMPLIANCE = "security_compliance"
PASSWORD_RULES: dict[str, str | None] = {"password_regex": None, "password_regex_description": None}

_Option = models.DomainConfig


def invalid(reason: str) -> api_errors.Forbidden:
    return errors.forbidden(f"Invalid domain specific configuration: {reason}.")


def not_found(
    domain_id: str, group: str | None = None, option: str | None = None
) -> api_errors.NotFound:
    if option:
        what = f"option {option} in group {group}"
    elif group:
        what = f"group {group}"
    else:
        what = "any options"
    return api_errors.NotFound(
        f"Could not find {what} in domain configuration for domain {domain_id}.",
        code="identity.domain_config.not_found",
    )


def lock_domain(session: orm.Session, domain_id: str) -> None:
    """The domain must exist, and stays so until the writer is done (its
    deletion would take the options with it, or fail theirs)."""
    if session.get(models.Domain, domain_id, with_for_update=True) is None:
        raise errors.not_found("domain", domain_id)


def check_group_and_option(group: str | None, option: str | None) -> None:
    if group and group not in WHITELISTED and group not in SENSITIVE:
        raise invalid(f"Group {group} is not supported for domain specific configurations")
    if (
        option
        and option not in WHITELISTED.get(group, {})
        and option not in SENSITIVE.get(group, ())
    ):
        raise invalid(
            f"Option {option} in group {group} is not supported for domain specific configurations"
        )


def check_config(config: Mapping[str, typing.Any]) -> None:
    if not config:
        raise invalid("No options specified")
    for group, options in config.items():
        if not options or not isinstance(options, dict):
            raise invalid(
                f"The value of group {group} specified in the config should be a "
                "dictionary of options"
            )
        for option in options:
            check_group_and_option(group, option)


def get(
    session: orm.Session, domain_id: str, group: str | None = None, option: str | None = None
) -> Config:
    """The shown options, of a group or one option if named; 404 if none."""
    check_group_and_option(group, option)
    rows = _shown(_rows(session, domain_id, group, option))
    if not rows:
        raise not_found(domain_id, group, option)
    if option:
        return {option: rows[0].value}
    return _as_config(rows)


def replace(session: orm.Session, domain_id: str, config: Config) -> tuple[Config, bool]:
    """Set the whole configuration; also whether the domain had none before."""
    check_config(config)
    had_any = bool(_rows(session, domain_id))
    _delete_rows(session, domain_id)
    _store(session, domain_id, config)
    return _as_config(_shown(_rows(session, domain_id))), not had_any


def update(
    session: orm.Session, domain_id: str, config: Config, group: str | None, option: str | None
) -> Config:
    """Merge options in; with a group (and option) in the path, only those,
    which must already be set. Returns the shown configuration."""
    if group and option:
        config = {group: config}
    check_config(config)
    check_group_and_option(group, option)
    if group:
        _check_targeted_update(config, group, option)
        if not _rows(session, domain_id, group, option):
            raise not_found(domain_id, group, option)
    for name, options in config.items():
        for key in options:
            _delete_rows(session, domain_id, name, key)
    _store(session, domain_id, config)
    # Keystone answers 404 when only hidden options are left; none is {}.
    return _as_config(_shown(_rows(session, domain_id)))


def delete(session: orm.Session, domain_id: str, group: str | None, option: str | None) -> None:
    check_group_and_option(group, option)
    if group and not _rows(session, domain_id, group):
        raise not_found(domain_id, group)
    if option and not _rows(session, domain_id, group, option):
        raise not_found(domain_id, group, option)
    _delete_rows(session, domain_id, group, option)


def defaults(group: str | None, option: str | None) -> Config:
    check_group_and_option(group, option)
    if group and option:
        if option not in WHITELISTED[group]:
            raise invalid(
                f"Reading the default for option {option} in group {group} is not supported"
            )
        return {option: WHITELISTED[group][option]}
    if group:
        return {group: dict(WHITELISTED[group])}
    return {name: dict(options) for name, options in WHITELISTED.items()}


def security_compliance(domain_id: str, option: str | None) -> Config:
    # Keystone's reasons end with a full stop of their own.
    if domain_id != DEFAULT_ID:
        raise invalid(
            "Reading security compliance information for any domain other than the default "
            "domain is not allowed or supported."
        )
    if option and option not in PASSWORD_RULES:
        raise invalid(
            "Reading security compliance values other than password_regex and "
            "password_regex_description is not allowed."
        )
    if option:
        return {option: PASSWORD_RULES[option]}
    return {SECURITY_COMPLIANCE: dict(PASSWORD_RULES)}


def _check_targeted_update(config: Config, group: str, option: str | None) -> None:
    if len(config) != 1 or (option and len(config.get(group, {})) != 1):
        if option:
            raise invalid(
                f"Trying to update option {option} in group {group}, so that, and only that, "
                "option must be specified  in the config"
            )
        raise invalid(
            f"Trying to update group {group}, so that, and only that, group must be "
            "specified in the config"
        )
    if group not in config:
        raise invalid(
            f"request to update group {group}, but config provided contains group "
            f"{next(iter(config))} instead"
        )
    if option and option not in config[group]:
        raise invalid(
            f"Trying to update option {option} in group {group}, but config provided "
            f"contains option {next(iter(config[group]))} instead"
        )


def _rows(
    session: orm.Session, domain_id: str, group: str | None = None, option: str | None = None
) -> list[_Option]:
    query = sa.select(_Option).where(_Option.domain_id == domain_id)
    if group:
        query = query.where(_Option.group == group)
        if option:
            query = query.where(_Option.option == option)
    return list(session.scalars(query.order_by(_Option.group, _Option.option)))


def _delete_rows(
    session: orm.Session, domain_id: str, group: str | None = None, option: str | None = None
) -> None:
    for row in _rows(session, domain_id, group, option):
        session.delete(row)
    session.flush()


def _store(session: orm.Session, domain_id: str, config: Config) -> None:
    for group, options in config.items():
        for option, value in options.items():
            session.add(_Option(domain_id=domain_id, group=group, option=option, value=value))
    session.flush()


def _shown(rows: Iterable[_Option]) -> list[_Option]:
    return [row for row in rows if row.option not in SENSITIVE.get(row.group, ())]


def _as_config(rows: Iterable[_Option]) -> Config:
    config: Config = {}
    for row in rows:
        config.setdefault(row.group, {})[row.option] = row.value
    return config
