"""Swift's error pages, as swob writes them."""

from __future__ import annotations

import pytest

from pocketstack.object_store import errors


@pytest.mark.parametrize("status", [404, 422, 499])
def test_swift_error_pages(status):
    body, media_type = errors.swift_format(errors.SwiftError(status), "req-1")
    title, explanation = errors.REASONS[status]
    assert body == f"<html><h1>{title}</h1><p>{explanation}</p></html>".encode()
    assert media_type == "text/html; charset=UTF-8"
