"""/v3/projects: tags added one at a time."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("tag", ["a" * 256, "comma,separated"])
def test_a_tag_in_the_path_is_checked_as_body_tags_are(api, admin, tag):
    created = api.post("/identity/v3/projects", headers=admin, json={"project": {"name": tag[:9]}})
    project = created.json()["project"]
    tags = f"/identity/v3/projects/{project['id']}/tags"
    assert api.put(f"{tags}/{tag}", headers=admin).status_code == 400
    assert api.get(tags, headers=admin).json()["tags"] == []
    api.delete(f"/identity/v3/projects/{project['id']}", headers=admin)
