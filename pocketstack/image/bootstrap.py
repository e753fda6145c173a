"""The image registered on first start, so a cloud has something to boot.

It is a real, tiny, BIOS-bootable raw disk (1 MiB): its master boot record
prints a line on the console and halts the CPU. It is named for what it is,
``pocketstack-hello-x86``, and openstacksdk's functional suites are pointed
at it through clouds.yaml's ``functional: image_name``.
"""

from __future__ import annotations

import logging

import sqlalchemy as sa

from pocketstack import timeutils
from pocketstack.db import Database
from pocketstack.image import models
from pocketstack.image.objects import data
from pocketstack.image.objects import image as images
from pocketstack.image.objects.inspection import FormatCheck
from pocketstack.image.stores import Stores

LOG = logging.getLogger(__name__)
NAME = "pocketstack-hello-x86"
MESSAGE = b"pocketstack-hello-x86: booted. This image runs no operating system.\r\n"
DISK_SIZE = 1 << 20
LOAD_ADDRESS = 0x7C00
PARTITION_TABLE = 446  # where the MBR's four partition entries begin


def boot_sector() -> bytes:
    """16-bit real-mode code: print MESSAGE with BIOS teletype, then halt."""
    code = bytearray()
    code += b"\xfa\xfc"  # cli; cld
    code += b"\x31\xc0\x8e\xd8"  # xor ax,ax; mov ds,ax
    message_at = len(code) + 3 + 17  # after mov si and the 17-byte loop/halt
    code += b"\xbe" + (LOAD_ADDRESS + message_at).to_bytes(2, "little")  # mov si,msg
    code += b"\xac\x84\xc0\x74\x09"  # loop: lodsb; test al,al; jz halt
    code += b"\xb4\x0e\xbb\x07\x00"  # mov ah,0x0e; mov bx,7
    code += b"\xcd\x10\xeb\xf2"  # int 0x10; jmp loop
    code += b"\xf4\xeb\xfd"  # halt: hlt; jmp halt
    assert len(code) == message_at
    code += MESSAGE + b"\x00"
    return bytes(code.ljust(PARTITION_TABLE, b"\x00")) + partition_table() + b"\x55\xaa"


def partition_table() -> bytes:
    """One active partition over the rest of the disk: a disk image with an
    MBR but no partition is refused by Glance's safety checks."""
    sectors = DISK_SIZE // 512
    entry = bytes([0x80, 0x00, 0x02, 0x00, 0x83, 0xFE, 0xFF, 0xFF])  # active, CHS, Linux
    entry += (1).to_bytes(4, "little") + (sectors - 1).to_bytes(4, "little")
    return entry.ljust(64, b"\x00")


def disk() -> bytes:
    return boot_sector().ljust(DISK_SIZE, b"\x00")


def register(database: Database, stores: Stores) -> None:
    """Register the image once, public, owned by no project (as DevStack's)."""
    with database.reader() as session:
        if session.scalar(sa.select(models.Image.id).where(models.Image.name == NAME)):
            return
    store = stores.get(stores.default)
    with database.transaction() as session:
        image = images.create(
            session,
            {
                "name": NAME,
                "disk_format": "raw",
                "container_format": "bare",
                "visibility": "public",
                "owner": None,
            },
            {
                "description": "A 1 MiB BIOS-bootable disk whose boot sector prints a line "
                "and halts; it runs no operating system.",
                "hw_firmware_type": "bios",
            },
            [],
        )
        images.move(session, "upload", image.id)
    check = FormatCheck("raw", "bare", [disk()])
    written = store.write(image.id, check, DISK_SIZE)
    with database.transaction() as session:
        data.activate(session, image.id, written, store.id, check.virtual_size())
    LOG.info("registered the bootstrap image %s (%s) at %s", NAME, image.id, timeutils.utcnow())
