package imageclip

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// Each system's build picks its own clipboard tool (clip_*.go). The
// test compiles for linux, darwin and windows (GOOS=darwin go vet
// ./app/imageclip/ checks the macOS side on Linux) and runs where it is built.
func TestImageClipboardToolPerSystem(t *testing.T) {
	png := []byte("\x89PNG\r\n\x1a\n")
	switch runtime.GOOS {
	case "darwin", "windows":
		cmd, stdin, err := command(png)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]string{"darwin": "osascript", "windows": "powershell"}[runtime.GOOS]
		if base := strings.TrimSuffix(filepath.Base(cmd.Path), ".exe"); base != want || stdin != nil {
			t.Errorf("tool %q (stdin %d bytes), want %s reading a file", cmd.Path, len(stdin), want)
		}
		if b, err := os.ReadFile(filepath.Join(os.TempDir(), "csatdesk-chart.png")); err != nil || string(b) != string(png) {
			t.Errorf("the picture's file: %q, %v", b, err)
		}
	default:
		dir := t.TempDir()
		for _, tool := range []string{"xclip", "wl-copy"} {
			if err := os.WriteFile(filepath.Join(dir, tool), []byte("#!/bin/sh\n"), 0o755); err != nil {
				t.Fatal(err)
			}
		}
		t.Setenv("PATH", dir)
		for _, c := range []struct{ wayland, want string }{{"", "xclip"}, {"wayland-0", "wl-copy"}} {
			t.Setenv("WAYLAND_DISPLAY", c.wayland)
			cmd, stdin, err := command(png)
			if err != nil || filepath.Base(cmd.Path) != c.want || string(stdin) != string(png) {
				t.Errorf("WAYLAND_DISPLAY=%q: %v %v, want %s with the PNG on stdin", c.wayland, cmd, err, c.want)
			}
		}
		t.Setenv("PATH", t.TempDir())
		if _, _, err := command(png); !errors.Is(err, ErrNoTool) {
			t.Errorf("no tool: %v", err)
		}
	}
}
