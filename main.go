// Command csatdesk is CSAT Desk: an offline desktop app for small
// businesses to design customer-satisfaction surveys, enter and import
// results, and see CSAT trends. Without arguments it opens the window.
package main

func main() {}
