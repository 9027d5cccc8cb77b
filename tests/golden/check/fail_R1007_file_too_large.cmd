check {huge}
