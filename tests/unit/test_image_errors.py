"""Glance's error bodies when no request says which form the client accepts."""

from __future__ import annotations

import orjson

from pocketstack.image import errors


def test_the_default_form_is_webobs_json():
    body, content_type = errors.glance_format(errors.bad_request("No such thing."), "req-1")
    assert content_type == "application/json"
    assert orjson.loads(body) == {
        "message": "No such thing.<br /><br />\n\n\n",
        "code": "400 Bad Request",
        "title": "Bad Request",
    }
