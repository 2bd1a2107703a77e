package imageclip

import (
	"fmt"
	"os/exec"
)

// imageClipboard returns the command that puts png on the clipboard:
// osascript reading the image from a temporary file (macOS has no
// command that takes an image on standard input).
func command(png []byte) (*exec.Cmd, []byte, error) {
	path, err := tempPNG(png)
	if err != nil {
		return nil, nil, err
	}
	script := fmt.Sprintf(`set the clipboard to (read (POSIX file %q) as «class PNGf»)`, path)
	return exec.Command("osascript", "-e", script), nil, nil
}
