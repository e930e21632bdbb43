"""Imported first by the entry scripts: a PyTorch that behaves on a shared CPU, or a plain error.

Threads that wait for each other sleep instead of spinning: on a shared CPU spinning ones made
two threads ten times slower than one. pyenv or a venv may shadow the system interpreter that
has Debian's PyTorch, so the script starts again under /usr/bin/python3.
"""
import os
import sys

os.environ.setdefault('OMP_WAIT_POLICY', 'PASSIVE')
try:
    import torch  # noqa: F401
except ImportError:
    if os.path.exists('/usr/bin/python3') and os.path.realpath(sys.executable) != os.path.realpath('/usr/bin/python3'):
        os.execv('/usr/bin/python3', ['/usr/bin/python3', *sys.argv])
    raise SystemExit('Falta PyTorch: apt-get install -y python3-torch python3-numpy python3-pil')

sys.dont_write_bytecode = True  # no __pycache__ beside the sources
