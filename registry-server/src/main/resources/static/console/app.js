// PLACEHOLDER: the console is built elsewhere; this file only lets the server tests serve /console/app.js.
