package assets

import "embed"

// Translations holds the UI translations, one JSON file per language
// (en.json, ru.json, lv.json, it.json, zh_Hans.json, zh_Hant.json) in the
// folder "translations", for fyne's lang.AddTranslationsFS.
//
//go:embed translations/*.json
var Translations embed.FS
