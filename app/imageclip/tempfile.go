//go:build darwin || windows

package imageclip

import (
	"fmt"
	"os"
	"path/filepath"
)

// tempPNG writes png to a file the clipboard tool can read (the macOS and
// Windows tools take a file, not standard input).
func tempPNG(png []byte) (string, error) {
	path := filepath.Join(os.TempDir(), "csatdesk-chart.png")
	if err := os.WriteFile(path, png, 0o600); err != nil {
		return "", fmt.Errorf("copy chart: %w", err)
	}
	return path, nil
}
