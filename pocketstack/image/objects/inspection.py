"""What an image's bytes really are: Glance's format check of uploaded data.

A bare image's data is watched as it streams into a store by oslo.utils'
format inspectors. Once it is all in, the format found must be the image's
disk_format (a raw image may hold anything; a format no inspector knows,
such as ami, must look raw), must pass the inspector's safety checks (no
qcow2 backing file, no broken GPT), and gives the image its virtual size.
A qcow2 image that is really a text file, or a raw one hiding a qcow2 with
a backing file, is refused: a hypervisor would trust the header.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator

from oslo_utils.imageutils import format_inspector

LOG = logging.getLogger(__name__)


class DataRefused(Exception):
    """The data is not what the image says it is (Glance's InvalidImageData)."""


class FormatCheck:
    """Wraps an upload's blocks; ``virtual_size()`` once they are consumed."""

    def __init__(self, disk_format: str, container_format: str, blocks: Iterable[bytes]) -> None:
        self._disk_format = disk_format
        # Glance inspects bare images only: other containers wrap the disk.
        self._wrapper = (
            format_inspector.InspectWrapper(iter(blocks)) if container_format == "bare" else None
        )
        self._blocks = self._wrapper if self._wrapper is not None else blocks

    def __iter__(self) -> Iterator[bytes]:
        return iter(self._blocks)

    def virtual_size(self) -> int | None:
        """The data's virtual size (None when not known); raises DataRefused."""
        if self._wrapper is None:
            return None
        try:
            inspector = self._detected()
            size = self._size_for(inspector)
            inspector.safety_check()
        except format_inspector.ImageFormatError as error:
            raise DataRefused(str(error)) from None
        except format_inspector.SafetyCheckFailed as error:
            if self._only_tolerated(inspector, error):
                LOG.warning("non-fatal safety check failures: %s", error)
            else:
                LOG.warning("image %s %s", inspector, error)
                raise DataRefused("Image failed safety checks") from None
        except Exception:  # an inspector's own failure is the data's, as in Glance
            LOG.exception("could not determine the image data's format")
            raise DataRefused("Image format inspection failed") from None
        return size or None

    def _detected(self) -> format_inspector.FileInspector:
        matched = {str(i): i for i in self._wrapper.formats or []}
        if matched.keys() == {"iso", "gpt"}:
            # A bootable ISO may legitimately carry a GPT in front.
            return matched["iso"]
        inspector = self._wrapper.format  # raises when several formats matched
        if inspector is None:
            raise format_inspector.ImageFormatError("Image format inspection failed")
        return inspector

    def _size_for(self, inspector: format_inspector.FileInspector) -> int:
        found, claimed = str(inspector), self._disk_format
        if found == claimed:
            return inspector.virtual_size
        if found == "raw" and claimed not in format_inspector.ALL_FORMATS:
            return 0  # nothing to inspect in an ami, aki, ari...
        if claimed == "raw":
            # Raw means the bytes as they are, whatever they look like.
            return inspector.actual_size
        raise format_inspector.ImageFormatError(
            f"Image disk_format {claimed} does not match stream data {found}"
        )

    def _only_tolerated(
        self, inspector: format_inspector.FileInspector, error: format_inspector.SafetyCheckFailed
    ) -> bool:
        """Kernel and ramdisk images may carry a deliberately invalid MBR."""
        fatal = set(error.failures)
        if self._disk_format in ("aki", "ari"):
            fatal.discard("mbr")
        return inspector.NAME == "gpt" and not fatal
