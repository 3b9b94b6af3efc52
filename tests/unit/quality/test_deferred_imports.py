"""ingest.quality.deferred_imports: a deferred module is not imported until an attribute of it is read, and
then behaves as the real one (in a subprocess, so this test's own sys.modules stays as it is)."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import REPO

SCRIPT = """
import sys
from ingest.quality.deferred_imports import defer
defer("xml.dom.minidom", "wave")
from xml.dom import minidom
import wave
print("minidom" in dir(sys.modules["xml.dom"]), type(minidom).__name__, type(wave).__name__)
real_loaded_early = "parseString" in vars(sys.modules["xml.dom.minidom"])
document = minidom.parseString("<a><b/></a>")
print(real_loaded_early, document.documentElement.tagName, wave.open.__module__)
print(type(sys.modules["xml.dom.minidom"]).__name__, type(sys.modules["wave"]).__name__)
defer("no_such_module_anywhere", "os")  # missing, and imported already: left alone
import os
print(type(os).__name__, "no_such_module_anywhere" in sys.modules)
"""


def test_deferred_modules_load_on_first_use():
    completed = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, cwd=REPO, check=True)
    assert completed.stdout.split("\n")[:4] == [
        "True _Deferred _Deferred",  # stand-ins, also as the parent package's attribute
        "False a wave",  # nothing of the real module until used; then the real functions
        "module module",  # sys.modules holds the real modules afterwards
        "module False",
    ]
