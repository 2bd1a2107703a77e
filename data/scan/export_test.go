package scan

// Orient is orient, for the EXIF orientation test.
var Orient = orient
