// Package startenv prepares the process environment before the GUI
// packages initialise. Fyne reads the locale in a package init and logs an
// error for the "C"/"POSIX" locale of bare shells, cron jobs and services;
// CSAT Desk uses English there instead.
//
// Import it for its side effect, first, from package main. It depends on the
// standard library only, and Go initialises packages whose dependencies are
// ready in lexical order of import path, so "csatdesk/…" runs before
// "fyne.io/…".
package startenv

import (
	"os"
	"strings"
)

func init() {
	if os.Getenv("LC_ALL") != "" && !isPOSIX(os.Getenv("LC_ALL")) {
		return
	}
	if isPOSIX(os.Getenv("LC_ALL")) {
		os.Unsetenv("LC_ALL")
	}
	if isPOSIX(os.Getenv("LANG")) {
		os.Setenv("LANG", "en_US.UTF-8")
	}
}

// isPOSIX reports whether l names the plain C/POSIX locale (or is empty).
func isPOSIX(l string) bool {
	return l == "" || l == "C" || l == "POSIX" || strings.HasPrefix(l, "C.") || strings.HasPrefix(l, "POSIX.")
}
