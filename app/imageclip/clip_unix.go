//go:build !darwin && !windows

package imageclip

import (
	"os"
	"os/exec"
)

// imageClipboard returns the command that puts png on the clipboard, and
// what to give it on standard input: wl-copy under Wayland, else xclip;
// ErrNoTool when neither is installed.
func command(png []byte) (*exec.Cmd, []byte, error) {
	if os.Getenv("WAYLAND_DISPLAY") != "" {
		if p, err := exec.LookPath("wl-copy"); err == nil {
			return exec.Command(p, "--type", "image/png"), png, nil
		}
	}
	if p, err := exec.LookPath("xclip"); err == nil {
		return exec.Command(p, "-selection", "clipboard", "-t", "image/png", "-i"), png, nil
	}
	return nil, nil, ErrNoTool
}
