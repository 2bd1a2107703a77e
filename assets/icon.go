package assets

import _ "embed"

// Icon is the CSAT Desk application icon: a 512×512 PNG of a white speech
// bubble holding a rising bar chart on a teal-to-blue rounded tile. It is the
// same file FyneApp.toml names, so the window, the taskbar and packaged
// builds show one icon. Wrap it with fyne.NewStaticResource to use it in Fyne.
//
//go:embed icon.png
var Icon []byte

// IconName is the file name of Icon.
const IconName = "icon.png"
