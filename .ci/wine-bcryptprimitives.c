/*
 * .ci/wine-bcryptprimitives.c — for the smoke test only, never shipped.
 *
 * Go 1.24 and later need ProcessPrng from bcryptprimitives.dll, which every
 * Windows 10/11 has but Debian 12's wine 8.0 does not (a Go program there
 * stops with "bcryptprimitives.dll not found"). .ci/package-smoke.sh builds
 * this stand-in with mingw-w64 and puts it in the temporary wine prefix's
 * system32: ProcessPrng filled from wine's BCryptGenRandom.
 */
#include <windows.h>
#include <bcrypt.h>

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
	while (len > 0) {
		ULONG n = len > 0x40000000 ? 0x40000000 : (ULONG)len;
		if (BCryptGenRandom(NULL, data, n, BCRYPT_USE_SYSTEM_PREFERRED_RNG) != 0)
			return FALSE;
		data += n;
		len -= n;
	}
	return TRUE;
}
