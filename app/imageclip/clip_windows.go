package imageclip

import (
	"fmt"
	"os/exec"
	"strings"
)

// imageClipboard returns the command that puts png on the clipboard:
// PowerShell's Windows.Forms clipboard, reading the image from a temporary
// file.
func command(png []byte) (*exec.Cmd, []byte, error) {
	path, err := tempPNG(png)
	if err != nil {
		return nil, nil, err
	}
	ps := fmt.Sprintf(`Add-Type -AssemblyName System.Windows.Forms,System.Drawing; [Windows.Forms.Clipboard]::SetImage([Drawing.Image]::FromFile('%s'))`, strings.ReplaceAll(path, "'", "''"))
	return exec.Command("powershell", "-NoProfile", "-STA", "-Command", ps), nil, nil
}
