package app

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"

	"fyne.io/fyne/v2/lang"
)

// errNoImageClipboard means no tool to put an image on the clipboard was
// found. Fyne 2.7's clipboard holds text only, so images go through the
// platform's own tool.
var errNoImageClipboard = errors.New("no image clipboard")

// copyPNG puts a PNG image on the system clipboard: wl-copy (Wayland) or
// xclip (X11) on Linux and BSD, osascript on macOS, PowerShell on Windows.
func copyPNG(png []byte) error {
	switch runtime.GOOS {
	case "darwin":
		path, err := tempPNG(png)
		if err != nil {
			return err
		}
		script := fmt.Sprintf(`set the clipboard to (read (POSIX file %q) as «class PNGf»)`, path)
		return runTool(exec.Command("osascript", "-e", script), nil)
	case "windows":
		path, err := tempPNG(png)
		if err != nil {
			return err
		}
		ps := fmt.Sprintf(`Add-Type -AssemblyName System.Windows.Forms,System.Drawing; [Windows.Forms.Clipboard]::SetImage([Drawing.Image]::FromFile('%s'))`, strings.ReplaceAll(path, "'", "''"))
		return runTool(exec.Command("powershell", "-NoProfile", "-STA", "-Command", ps), nil)
	}
	if os.Getenv("WAYLAND_DISPLAY") != "" {
		if p, err := exec.LookPath("wl-copy"); err == nil {
			return runTool(exec.Command(p, "--type", "image/png"), png)
		}
	}
	if p, err := exec.LookPath("xclip"); err == nil {
		return runTool(exec.Command(p, "-selection", "clipboard", "-t", "image/png", "-i"), png)
	}
	return errNoImageClipboard
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
