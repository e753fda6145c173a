"""Bad input, bad tokens and policy, as Keystone answers them."""

from __future__ import annotations

import yaml

PROJECTS = "/identity/v3/projects"


def error(response) -> dict:
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "title", "message"}
    assert body["error"]["code"] == response.status_code
    return body["error"]


def test_wrong_type_names_the_field(api, admin):
    response = api.post(PROJECTS, headers=admin, json={"project": {"name": 42}})
    assert response.status_code == 400
    assert (
        error(response)["message"]
        == "Invalid input for field/attribute name. Value: 42. 42 is not of type 'string'"
    )


def test_name_too_long_is_400(api, admin):
    response = api.post(PROJECTS, headers=admin, json={"project": {"name": "x" * 65}})
    assert response.status_code == 400
    message = error(response)["message"]
    assert message.startswith("Invalid input for field/attribute name. Value: xxx")


def test_body_must_be_the_wrapped_object(api, admin):
    response = api.post(PROJECTS, headers=admin, json={"name": "x"})
    assert response.status_code == 400
    assert error(response)["title"] == "Bad Request"


def test_body_over_the_size_limit_is_413(api, admin):
    response = api.post(
        PROJECTS, headers=admin, json={"project": {"name": "x", "pad": "y" * 120_000}}
    )
    assert response.status_code == 413
    assert error(response)["message"] == "Request is too large."


def test_no_token_is_401(api):
    response = api.get(PROJECTS)
    assert response.status_code == 401
    assert error(response)["message"] == "The request you have made requires authentication."
    assert response.headers["WWW-Authenticate"] == 'Keystone uri="http://cloud.test/identity"'


def test_member_is_forbidden_to_list_projects(api, demo):
    response = api.get(PROJECTS, headers=demo)
    assert response.status_code == 403
    assert error(response)["message"] == (
        "You are not authorized to perform the requested action: identity:list_projects."
    )


def test_unknown_path_and_wrong_method(api, admin):
    missing = api.get("/identity/v3/nothing-here", headers=admin)
    assert missing.status_code == 404
    assert error(missing)["title"] == "Not Found"
    wrong = api.put(PROJECTS, headers=admin, json={})
    assert wrong.status_code == 405
    assert set(wrong.headers["allow"].split(", ")) >= {"GET", "POST"}
    assert error(wrong)["title"] == "Method Not Allowed"


def test_policy_file_in_the_data_dir_overrides_a_default(api, cloud, demo):
    policy_file = cloud.settings.data_dir / cloud.settings.policy.file
    policy_file.write_text(yaml.safe_dump({"identity:list_projects": "role:member"}))
    try:
        assert api.get(PROJECTS, headers=demo).status_code == 200
    finally:
        policy_file.write_text("{}\n")
    assert api.get(PROJECTS, headers=demo).status_code == 403


def test_an_empty_body_is_read_as_an_empty_object(api, admin):
    response = api.post("/identity/v3/users", headers=admin)
    assert response.status_code == 400
    assert "'user' is a required property" in error(response)["message"]


def test_an_unknown_marker_is_404(api, admin):
    response = api.get(PROJECTS + "?marker=nope", headers=admin)
    assert response.status_code == 404
    assert error(response)["message"] == "Marker nope could not be found."


def test_a_body_that_is_not_said_to_be_json_is_400(api, admin):
    body = b'{"project": {"name": "typed"}}'
    plain = api.post(PROJECTS, headers={**admin, "Content-Type": "text/plain"}, content=body)
    assert plain.status_code == 400
    assert plain.json()["error"]["message"].startswith(
        "Expecting to find application/json in Content-Type header."
    )
    typed = {**admin, "Content-Type": "application/json; charset=UTF-8"}
    created = api.post(PROJECTS, headers=typed, content=body)
    assert created.status_code == 201
    api.delete(f"{PROJECTS}/{created.json()['project']['id']}", headers=admin)


def test_a_bad_enabled_filter_is_worded_alike_for_users_projects_and_domains(api, admin):
    messages = set()
    for collection in ("users", "projects", "domains"):
        response = api.get(f"/identity/v3/{collection}?enabled=bad", headers=admin)
        assert response.status_code == 400
        messages.add(response.json()["error"]["message"])
    [message] = messages
    assert message.startswith(
        "Invalid input for field/attribute enabled. Value: bad. 'bad' is not one of [True, "
    )
