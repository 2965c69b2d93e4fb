/*
 * A stand-in for Windows' bcryptprimitives.dll, for the Wine tests only
 * (crates/policy/tests/wine.rs, crates/quick-exit/tests/wine.rs); never shipped. Rust's
 * standard library on Windows gets random bytes from ProcessPrng in bcryptprimitives.dll
 * (Windows 10 and later), which Wine 8.0 (Debian 12's) does not have, so a Windows build of
 * anything Rust fails to start there with "Library bcryptprimitives.dll ... not found". This
 * gives Wine the one function, answered by RtlGenRandom (advapi32's SystemFunction036), which
 * Wine does have. Newer Wine (9.0 and later) ship the real DLL.
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
