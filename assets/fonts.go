// Package assets holds the files CSAT Desk embeds in its binary: the app
// icon, the UI translations and the font used by charts, printed forms and
// as the UI's fallback for Chinese text.
package assets

import _ "embed"

// FontTTF is WenQuanYi Micro Hei (Apache-2.0), the first face of Debian's
// wqy-microhei.ttc extracted into a standalone TrueType file. One font
// covers Latin, Latvian diacritics, Cyrillic, simplified and traditional
// Chinese and ★, which is what go-chart (one font for all text), gopdf and
// Fyne's theme all need. See assets/FONT-LICENSE.txt.
//
//go:embed wqy-microhei.ttf
var FontTTF []byte

// FontName is the file name of FontTTF.
const FontName = "wqy-microhei.ttf"
