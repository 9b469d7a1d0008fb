// Viewer-request function on the default (S3) behaviour only: the API paths
// have their own behaviours and never reach it. A path whose last segment has
// no file extension is a client-side route, so the SPA shell answers it.
function handler(event) {
  var request = event.request;
  var uri = request.uri;
  var lastSegment = uri.substring(uri.lastIndexOf('/') + 1);
  if (lastSegment.indexOf('.') === -1) {
    request.uri = '/index.html';
  }
  return request;
}
