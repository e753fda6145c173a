"""/v3/domains/{id}/config[/{group}[/{option}]] and the defaults, as Keystone answers."""

from __future__ import annotations

import pytest

from pocketstack.identity import models
from tests.api.identity_catalog import FORBIDDEN, V3, error
from tests.api.identity_people import make_domain

LDAP = {"url": "ldap://ldap.example.com", "user_tree_dn": "ou=Users,dc=example", "password": "pw"}
INVALID = "Invalid domain specific configuration: {}."


@pytest.fixture
def domain(cloud) -> str:
    return make_domain(cloud)


def _config(domain_id: str, *parts: str) -> str:
    return "/".join([f"{V3}/domains/{domain_id}/config", *parts])


def _not_found(domain_id: str, what: str) -> str:
    return f"Could not find {what} in domain configuration for domain {domain_id}."


def _put(api, admin, domain_id: str, config: dict):
    return api.put(_config(domain_id), headers=admin, json={"config": config})


def test_create_then_replace(api, admin, domain):
    created = _put(api, admin, domain, {"identity": {"driver": "ldap"}, "ldap": LDAP})
    assert created.status_code == 201
    shown_ldap = {k: v for k, v in LDAP.items() if k != "password"}
    assert created.json() == {"config": {"identity": {"driver": "ldap"}, "ldap": shown_ldap}}
    replaced = _put(api, admin, domain, {"ldap": {"url": "ldap://other"}})
    assert replaced.status_code == 200
    assert replaced.json() == {"config": {"ldap": {"url": "ldap://other"}}}
    assert api.get(_config(domain), headers=admin).json() == replaced.json()


def test_read_whole_group_and_option(api, admin, domain):
    _put(api, admin, domain, {"identity": {"driver": "ldap", "list_limit": None}, "ldap": LDAP})
    whole = api.get(_config(domain), headers=admin)
    assert whole.json()["config"]["identity"] == {"driver": "ldap", "list_limit": None}
    assert api.head(_config(domain), headers=admin).status_code == 200
    group = api.get(_config(domain, "ldap"), headers=admin).json()
    assert group == {"config": {"ldap": {"url": LDAP["url"], "user_tree_dn": LDAP["user_tree_dn"]}}}
    option = api.get(_config(domain, "ldap", "url"), headers=admin).json()
    assert option == {"config": {"url": LDAP["url"]}}
    # The password is stored, never shown.
    hidden = api.get(_config(domain, "ldap", "password"), headers=admin)
    assert error(hidden, 404) == _not_found(domain, "option password in group ldap")


def test_nothing_set_is_404(api, admin, domain):
    assert error(api.get(_config(domain), headers=admin), 404) == _not_found(domain, "any options")
    assert error(api.get(_config(domain, "ldap"), headers=admin), 404) == _not_found(
        domain, "group ldap"
    )
    # A missing domain has no options either.
    assert error(api.get(_config("nowhere"), headers=admin), 404) == _not_found(
        "nowhere", "any options"
    )


def test_only_whitelisted_and_sensitive_options(api, admin, domain):
    answers = [
        ({}, "No options specified"),
        (
            {"pasta": {"shape": "penne"}},
            "Group pasta is not supported for domain specific configurations",
        ),
        (
            {"ldap": {"colour": "red"}},
            "Option colour in group ldap is not supported for domain specific configurations",
        ),
        (
            {"ldap": {}},
            "The value of group ldap specified in the config should be a dictionary of options",
        ),
        (
            {"ldap": "url"},
            "The value of group ldap specified in the config should be a dictionary of options",
        ),
    ]
    for config, reason in answers:
        assert error(_put(api, admin, domain, config), 403) == INVALID.format(reason)
    no_body = api.put(_config(domain), headers=admin)
    assert error(no_body, 403) == INVALID.format("No options specified")
    not_an_object = api.put(_config(domain), headers=admin, json={"config": "ldap"})
    assert not_an_object.status_code == 400
    unknown_group = api.get(_config(domain, "pasta"), headers=admin)
    assert error(unknown_group, 403) == INVALID.format(
        "Group pasta is not supported for domain specific configurations"
    )


def test_update_merges_options(api, admin, domain):
    _put(api, admin, domain, {"ldap": LDAP})
    body = {"config": {"identity": {"driver": "ldap"}, "ldap": {"url": "ldap://new"}}}
    updated = api.patch(_config(domain), headers=admin, json=body)
    assert updated.status_code == 200
    assert updated.json() == {
        "config": {
            "identity": {"driver": "ldap"},
            "ldap": {"url": "ldap://new", "user_tree_dn": LDAP["user_tree_dn"]},
        }
    }


def test_update_a_group_or_an_option_only(api, admin, domain):
    _put(api, admin, domain, {"ldap": LDAP})
    group = api.patch(
        _config(domain, "ldap"), headers=admin, json={"config": {"ldap": {"url": "ldap://g"}}}
    )
    assert group.json()["config"]["ldap"]["url"] == "ldap://g"
    option = api.patch(
        _config(domain, "ldap", "url"), headers=admin, json={"config": {"url": "ldap://o"}}
    )
    assert option.json()["config"]["ldap"]["url"] == "ldap://o"
    answers = [
        (
            "ldap",
            {"ldap": {"url": "x"}, "identity": {"driver": "x"}},
            "Trying to update group ldap, so that, and only that, group must be specified in "
            "the config",
        ),
        (
            "ldap",
            {"identity": {"driver": "x"}},
            "request to update group ldap, but config provided contains group identity instead",
        ),
        (
            "ldap/url",
            {"url": "x", "user": "y"},
            "Trying to update option url in group ldap, so that, and only that, option must be "
            "specified  in the config",
        ),
        (
            "ldap/url",
            {"user": "y"},
            "Trying to update option url in group ldap, but config provided contains option user "
            "instead",
        ),
    ]
    for path, config, reason in answers:
        response = api.patch(
            _config(domain, *path.split("/")), headers=admin, json={"config": config}
        )
        assert error(response, 403) == INVALID.format(reason)
    # A targeted update changes what is there; it adds nothing.
    absent_group = api.patch(
        _config(domain, "identity"), headers=admin, json={"config": {"identity": {"driver": "x"}}}
    )
    assert error(absent_group, 404) == _not_found(domain, "group identity")
    absent_option = api.patch(
        _config(domain, "ldap", "suffix"), headers=admin, json={"config": {"suffix": "x"}}
    )
    assert error(absent_option, 404) == _not_found(domain, "option suffix in group ldap")


def test_delete_an_option_a_group_or_all(api, admin, domain, cloud):
    _put(api, admin, domain, {"identity": {"driver": "ldap"}, "ldap": LDAP})
    assert api.delete(_config(domain, "ldap", "url"), headers=admin).status_code == 204
    assert "url" not in api.get(_config(domain, "ldap"), headers=admin).json()["config"]["ldap"]
    again = api.delete(_config(domain, "ldap", "url"), headers=admin)
    assert error(again, 404) == _not_found(domain, "option url in group ldap")
    assert api.delete(_config(domain, "ldap"), headers=admin).status_code == 204
    gone = api.delete(_config(domain, "ldap"), headers=admin)
    assert error(gone, 404) == _not_found(domain, "group ldap")
    assert api.delete(_config(domain), headers=admin).status_code == 204
    with cloud.identity.store.read() as session:
        assert session.query(models.DomainConfig).filter_by(domain_id=domain).count() == 0


def test_writes_need_the_domain(api, admin):
    missing = _put(api, admin, "nowhere", {"ldap": {"url": "x"}})
    assert error(missing, 404) == "Could not find domain: nowhere."
    patched = api.patch(_config("nowhere"), headers=admin, json={"config": {"ldap": {"url": "x"}}})
    assert error(patched, 404) == "Could not find domain: nowhere."
    assert error(api.delete(_config("nowhere"), headers=admin), 404) == (
        "Could not find domain: nowhere."
    )


def test_deleting_the_domain_deletes_its_config(api, admin, domain, cloud):
    _put(api, admin, domain, {"ldap": LDAP})
    url = f"{V3}/domains/{domain}"
    assert api.patch(url, headers=admin, json={"domain": {"enabled": False}}).status_code == 200
    assert api.delete(url, headers=admin).status_code == 204
    with cloud.identity.store.read() as session:
        assert session.query(models.DomainConfig).filter_by(domain_id=domain).count() == 0


def test_admins_write_and_system_readers_read(api, admin, demo, tokens, domain):
    _put(api, admin, domain, {"ldap": {"url": "x"}})
    assert error(api.get(_config(domain), headers=demo), 403) == FORBIDDEN.format(
        "get_domain_config"
    )
    assert error(_put(api, demo, domain, {"ldap": {"url": "y"}}), 403) == FORBIDDEN.format(
        "create_domain_config"
    )
    patched = api.patch(_config(domain), headers=demo, json={"config": {"ldap": {"url": "y"}}})
    assert error(patched, 403) == FORBIDDEN.format("update_domain_config")
    assert error(api.delete(_config(domain), headers=demo), 403) == FORBIDDEN.format(
        "delete_domain_config"
    )
    system = tokens.headers("admin", system=True)
    assert api.get(_config(domain), headers=system).status_code == 200
    assert error(api.get(_config(domain)), 401)


def test_defaults(api, admin, demo):
    whole = api.get(f"{V3}/domains/config/default", headers=admin).json()["config"]
    assert whole["identity"] == {"driver": "sql", "list_limit": None}
    assert whole["ldap"]["url"] == "ldap://localhost"
    assert "password" not in whole["ldap"]
    group = api.get(f"{V3}/domains/config/ldap/default", headers=admin).json()
    assert group["config"]["ldap"]["user_objectclass"] == "inetOrgPerson"
    option = api.get(f"{V3}/domains/config/ldap/pool_size/default", headers=admin).json()
    assert option == {"config": {"pool_size": 10}}
    secret = api.get(f"{V3}/domains/config/ldap/password/default", headers=admin)
    assert error(secret, 403) == INVALID.format(
        "Reading the default for option password in group ldap is not supported"
    )
    unknown = api.get(f"{V3}/domains/config/pasta/default", headers=admin)
    assert error(unknown, 403) == INVALID.format(
        "Group pasta is not supported for domain specific configurations"
    )
    refused = api.get(f"{V3}/domains/config/default", headers=demo)
    assert error(refused, 403) == FORBIDDEN.format("get_domain_config_default")


def test_anyone_reads_the_default_domains_password_rules(api, demo, domain):
    url = _config("default", "security_compliance")
    assert api.get(url, headers=demo).json() == {
        "config": {
            "security_compliance": {"password_regex": None, "password_regex_description": None}
        }
    }
    option = api.get(f"{url}/password_regex", headers=demo).json()
    assert option == {"config": {"password_regex": None}}
    # Keystone's reasons here end with a full stop of their own.
    elsewhere = api.get(_config(domain, "security_compliance"), headers=demo)
    assert error(elsewhere, 403) == INVALID.format(
        "Reading security compliance information for any domain other than the default "
        "domain is not allowed or supported."
    )
    other_option = api.get(f"{url}/lockout_duration", headers=demo)
    assert error(other_option, 403) == INVALID.format(
        "Reading security compliance values other than password_regex and "
        "password_regex_description is not allowed."
    )
