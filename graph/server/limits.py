"""What confines a query worker: no network (a seccomp filter on socket creation), a memory
cap (RLIMIT_AS), few malloc arenas."""

from __future__ import annotations

import ctypes
import os
import platform
import struct
import sys
from dataclasses import dataclass

from pactgraph.graph.ingest.filings import end_with

from .config import EndpointConfig

#: seccomp filter facts per machine: audit arch, socket(2) and io_uring_setup(2) numbers
_SECCOMP_ARCH = {"x86_64": (0xC000003E, 41, 425), "aarch64": (0xC00000B7, 198, 425)}
_AF_UNIX, _EAFNOSUPPORT, _ENOSYS = 1, 97, 38
NETWORK_REFUSED = f"(os error {_EAFNOSUPPORT})"  # how Oxigraph reports a socket it was refused


def _bpf(code: int, k: int, jt: int = 0, jf: int = 0) -> bytes:
    return struct.pack("HBBI", code, jt, jf, k)


def _network_filter(arch: int, nr_socket: int, nr_uring: int) -> bytes:
    """A seccomp program: ``socket()`` of any family but AF_UNIX fails with EAFNOSUPPORT,
    ``io_uring_setup()`` (which could make sockets too) with ENOSYS, x32 calls are refused;
    everything else is allowed."""
    ld, jeq, jge, ret = 0x20, 0x15, 0x35, 0x06  # BPF_LD|W|ABS, BPF_JMP|JEQ|K, JGE, BPF_RET|K
    allow, kill = 0x7FFF0000, 0x00000000
    err = lambda e: 0x00050000 | e  # noqa: E731 - SECCOMP_RET_ERRNO
    return b"".join(
        [
            _bpf(ld, 4),
            _bpf(jeq, arch, 1, 0),
            _bpf(ret, kill),  # another ABI: kill
            _bpf(ld, 0),
            _bpf(jge, 0x40000000, 0, 1),
            _bpf(ret, kill),  # x32 calls: kill
            _bpf(jeq, nr_uring, 0, 1),
            _bpf(ret, err(_ENOSYS)),
            _bpf(jeq, nr_socket, 0, 3),
            _bpf(ld, 16),
            _bpf(jeq, _AF_UNIX, 1, 0),
            _bpf(ret, err(_EAFNOSUPPORT)),
            _bpf(ret, allow),
        ]
    )


def forbid_network() -> bool:
    """Make this process unable to open network sockets, for good (Linux seccomp; x86-64 and
    ARM64). Oxigraph then cannot run a SERVICE call, however the query hides it: the socket
    its HTTP client asks for is refused by the kernel. False where it cannot be done."""
    facts = _SECCOMP_ARCH.get(platform.machine())
    if not sys.platform.startswith("linux") or facts is None:
        return False
    program = _network_filter(*facts)
    buf = ctypes.create_string_buffer(program, len(program))

    class SockFprog(ctypes.Structure):
        _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]

    prog = SockFprog(len(program) // 8, ctypes.addressof(buf))
    libc = ctypes.CDLL(None, use_errno=True)
    pr_set_no_new_privs, pr_set_seccomp, seccomp_mode_filter = 38, 22, 2
    if libc.prctl(pr_set_no_new_privs, 1, 0, 0, 0) != 0:
        return False
    return libc.prctl(pr_set_seccomp, seccomp_mode_filter, ctypes.byref(prog), 0, 0) == 0


def _address_space() -> int:
    """This process's virtual memory size in bytes (0 when unknown)."""
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def cap_memory(extra: int) -> None:
    """Let this process grow by at most ``extra`` bytes of address space from now on
    (RLIMIT_AS): a query that needs more fails (Python: MemoryError; Oxigraph's Rust: the
    process aborts) instead of taking the machine's memory. Called again, it moves the cap to
    the new size (the soft limit may go up to the hard one)."""
    # here: POSIX only, like the limits it sets
    import resource

    if extra <= 0:
        return
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(resource.RLIMIT_AS, (hard, hard))  # first let go of an earlier cap
    limit = _address_space() + extra
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def uncap_memory() -> None:
    """Lift :func:`cap_memory` (to open a store: RocksDB reserves address space for threads)."""
    # here: POSIX only, like the limits it sets
    import resource

    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(resource.RLIMIT_AS, (hard, hard))


def _few_malloc_arenas() -> None:
    """glibc reserves 64 MB of address space per thread's malloc arena: two arenas are enough
    for a worker that runs one query at a time, and leave its memory cap to the query."""
    try:
        ctypes.CDLL(None).mallopt(-8, 2)  # M_ARENA_MAX
    except (OSError, AttributeError):
        pass


@dataclass
class Confinement:
    """What a query worker was able to shut itself in with."""

    no_network: bool = False


def confine(config: EndpointConfig, cap: bool = True, server_pid: int = 0) -> Confinement:
    """Shut this (worker) process in: no network unless SERVICE is allowed; memory capped
    (unless ``cap`` is False: the caller caps it once its store is open). ``server_pid``: the
    server that forked it (its parent when 0)."""
    end_with(server_pid or os.getppid())  # a killed server leaves no worker behind
    done = Confinement()
    if not config.allow_service:
        done.no_network = forbid_network()
    if sys.platform.startswith("linux"):
        _few_malloc_arenas()
    if cap:
        cap_memory(config.max_memory)
    return done
