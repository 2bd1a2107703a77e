package app

import (
	"errors"
	"os"

	"fyne.io/fyne/v2/lang"

	"csatdesk/app/imageclip"
)

// errNoImageClipboard means no tool to put an image on the clipboard was
// found. Fyne 2.7's clipboard holds text only, so images go through the
// platform's own tool (app/imageclip).
var errNoImageClipboard = imageclip.ErrNoTool

// copyPNG puts a PNG image on the system clipboard: wl-copy (Wayland) or
// xclip (X11) on Linux and BSD, osascript on macOS, PowerShell on Windows.
func copyPNG(png []byte) error { return imageclip.CopyPNG(png) }

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
