/* Wine 8 has no bcryptprimitives.dll, whose ProcessPrng Rust's standard library imports on
 * Windows: without it no Rust program built for x86_64-pc-windows-gnu starts under Wine 8.
 * This stand-in, for running the test suite under Wine only, exports ProcessPrng over
 * advapi32's RtlGenRandom (SystemFunction036). Build:
 *   x86_64-w64-mingw32-gcc -shared -O2 -o bcryptprimitives.dll bcryptprimitives.c -ladvapi32
 * and put the DLL in the Wine prefix's drive_c/windows/system32. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x7fffffff ? 0x7fffffff : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
