package io.envstream.deploy;

import java.util.Arrays;

/**
 * An envstream app as the manifests run it: its image, the defaults file its jar carries and the
 * prefix of its own properties.
 */
enum App {

	COLLECTOR("envstream/collector", "collector.yaml", "envstream.collector."),

	STREAM_PROCESSOR("envstream/stream-processor", "processor.yaml", "envstream.processor."),

	WS_GATEWAY("envstream/ws-gateway", "gateway.yaml", "envstream.gateway.");

	final String image;

	final String defaultsFile;

	final String propertyPrefix;

	App(String image, String defaultsFile, String propertyPrefix) {
		this.image = image;
		this.defaultsFile = defaultsFile;
		this.propertyPrefix = propertyPrefix;
	}

	/** The app a container runs, from its image without registry override or tag. */
	static App ofImage(String image) {
		String name = image.contains(":") ? image.substring(0, image.lastIndexOf(':')) : image;
		return Arrays.stream(values())
			.filter((app) -> app.image.equals(name))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("no envstream app runs the image " + image));
	}

}
