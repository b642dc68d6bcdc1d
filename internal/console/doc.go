// Package console reads what a browser's developer console prints when a
// page's call to an API fails: CORS errors (Chromium's "… has been blocked
// by CORS policy: …", Firefox's "Cross-Origin Request Blocked: … (Reason:
// …)", Safari's "Origin … is not allowed by Access-Control-Allow-Origin"),
// the fetch rejection each engine throws (TypeError: Failed to fetch,
// NetworkError when attempting to fetch resource., Load failed), Chromium's
// net::ERR_ network errors and mixed-content blocks. Each message is
// returned with the browser, the request URL and origin it names, the
// header or value it quotes, and its place in the text.
//
// References: the Fetch Standard (CORS protocol, §3.2; CORS-preflight
// fetch, §4.8; CORS check, §4.9), W3C Mixed Content (§4.1), RFC 6454
// (origins). The message texts are the browsers' own: Chromium's
// services/network/public/cpp/cors/cors_error_status and net/base/
// net_error_list.h, MDN's "CORS errors" reference (the Firefox reasons)
// and WebKit's CrossOriginAccessControl.cpp.
package console
