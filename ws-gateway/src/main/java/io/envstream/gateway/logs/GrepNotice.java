package io.envstream.gateway.logs;

/** Tells a client once that its grep regex ran over budget and now matches nothing. */
final class GrepNotice {

	private GrepNotice() {
	}

	static void notifyIfTripped(Subscription subscription, LineFilter filter) {
		if (filter.grep() != null && filter.grep().claimTripNotice()) {
			subscription.control(Frame.control(FrameEncoder.error("regex_timeout",
					"the grep regex took too long on a line and now matches nothing; send a simpler one")));
		}
	}

}
