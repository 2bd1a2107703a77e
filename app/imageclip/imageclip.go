// Package imageclip puts a PNG picture on the system clipboard through the
// platform's own tool, which Fyne 2.7's text-only clipboard cannot: wl-copy
// (Wayland) or xclip (X11) on Linux and BSD, osascript on macOS, PowerShell
// on Windows. The tool is chosen by build constraints (clip_unix.go,
// clip_darwin.go, clip_windows.go). Standard library only, so
// `GOOS=darwin go vet ./app/imageclip/` checks the macOS side on Linux
// (package app needs a Mac's cgo for that).
package imageclip

import (
	"bytes"
	"errors"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
)

// ErrNoTool means no tool to put an image on the clipboard was found
// (Linux without xclip or wl-copy).
var ErrNoTool = errors.New("no image clipboard")

// CopyPNG puts png on the system clipboard.
func CopyPNG(png []byte) error {
	cmd, stdin, err := command(png)
	if err != nil {
		return err
	}
	return runTool(cmd, stdin)
}

// runTool runs a clipboard tool with stdin and reports its own words on
// failure.
func runTool(cmd *exec.Cmd, stdin []byte) error {
	if stdin != nil {
		cmd.Stdin = bytes.NewReader(stdin)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("copy chart with %s: %w %s", filepath.Base(cmd.Path), err, strings.TrimSpace(stderr.String()))
	}
	return nil
}
