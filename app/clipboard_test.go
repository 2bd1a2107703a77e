package app

import (
	"errors"
	"runtime"
	"strings"
	"testing"
)

func TestCopyingAChartWithoutAClipboardToolSaysWhatToInstall(t *testing.T) {
	if runtime.GOOS == "darwin" || runtime.GOOS == "windows" {
		t.Skip("the system's own tools are always there")
	}
	t.Setenv("PATH", t.TempDir())
	t.Setenv("WAYLAND_DISPLAY", "")
	err := copyPNG([]byte("\x89PNG"))
	if !errors.Is(err, errNoImageClipboard) {
		t.Fatalf("copyPNG = %v, want errNoImageClipboard", err)
	}
	if msg := clipboardError(err); !strings.Contains(msg, "xclip") {
		t.Errorf("message %q should name the tool to install", msg)
	}
}
