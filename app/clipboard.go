package app

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2/lang"
)

// errNoImageClipboard means no tool to put an image on the clipboard was
// found. Fyne 2.7's clipboard holds text only, so images go through the
// platform's own tool.
var errNoImageClipboard = errors.New("no image clipboard")

// copyPNG puts a PNG image on the system clipboard through the platform's
// own tool, which imageClipboard (clipboard_unix.go, clipboard_darwin.go,
// clipboard_windows.go, chosen by build constraints) names: wl-copy
// (Wayland) or xclip (X11) on Linux and BSD, osascript on macOS,
// PowerShell on Windows.
func copyPNG(png []byte) error {
	cmd, stdin, err := imageClipboard(png)
	if err != nil {
		return err
	}
	return runTool(cmd, stdin)
}

// tempPNG writes png to a file the clipboard tool can read.
func tempPNG(png []byte) (string, error) {
	path := filepath.Join(os.TempDir(), "csatdesk-chart.png")
	if err := os.WriteFile(path, png, 0o600); err != nil {
		return "", fmt.Errorf("copy chart: %w", err)
	}
	return path, nil
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

// clipboardError is the message for a failed copy. Without a tool it
// names the package to install for this session: wl-clipboard (wl-copy)
// under Wayland, xclip under X11.
func clipboardError(err error) string {
	if errors.Is(err, errNoImageClipboard) {
		return lang.L("Copying a picture needs the {{.Package}} program, which is not installed. Install it with your system's package manager (for example: sudo apt install {{.Package}}), or save the chart as a PNG file instead.",
			map[string]any{"Package": clipboardPackage()})
	}
	return err.Error()
}

// clipboardPackage is the package that gives this session an image
// clipboard tool.
func clipboardPackage() string {
	if os.Getenv("WAYLAND_DISPLAY") != "" {
		return "wl-clipboard"
	}
	return "xclip"
}
