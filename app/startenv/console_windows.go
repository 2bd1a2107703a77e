package startenv

import (
	"os"
	"syscall"
)

// The Windows build is a GUI program (-H=windowsgui), so it starts without
// a console and, run from cmd.exe or PowerShell, would print nothing for
// `csatdesk.exe --version`, `summary`, `help`. When the parent gave it no
// standard output or error (redirections and pipes do give one), it
// attaches to the parent's console, if there is one, and writes there.
// A double-click from Explorer has no parent console: nothing changes.
func init() {
	outMissing := !validHandle(syscall.STD_OUTPUT_HANDLE)
	errMissing := !validHandle(syscall.STD_ERROR_HANDLE)
	if !outMissing && !errMissing {
		return
	}
	const attachParentProcess = ^uintptr(0) // (DWORD)-1
	attach := syscall.NewLazyDLL("kernel32.dll").NewProc("AttachConsole")
	if attach.Find() != nil {
		return
	}
	if r, _, _ := attach.Call(attachParentProcess); r == 0 {
		return // no parent console (started from Explorer)
	}
	if outMissing {
		if f, err := os.OpenFile("CONOUT$", os.O_WRONLY, 0); err == nil {
			os.Stdout = f
		}
	}
	if errMissing {
		if f, err := os.OpenFile("CONOUT$", os.O_WRONLY, 0); err == nil {
			os.Stderr = f
		}
	}
}

// validHandle reports whether the standard handle id is usable.
func validHandle(id int) bool {
	h, err := syscall.GetStdHandle(id)
	if err != nil || h == 0 || h == syscall.InvalidHandle {
		return false
	}
	_, err = syscall.GetFileType(h)
	return err == nil
}
