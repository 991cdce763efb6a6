package io.envstream.schemas.serde;

import org.apache.avro.Schema;

/**
 * Walks an Avro binary body against its writer schema without allocating anything, checking
 * every length, count and index against the bytes actually present. Avro's own decoder trusts a
 * declared length and allocates it first (a few corrupt bytes can claim gigabytes), so bodies
 * are validated before they are decoded.
 */
final class PayloadValidator {

	private final byte[] bytes;

	private int position;

	/** Where the walk is, for the error message: the record and its field (names are built only on an error). */
	private Schema record;

	private Schema.Field field;

	private PayloadValidator(byte[] bytes, int offset) {
		this.bytes = bytes;
		this.position = offset;
	}

	/**
	 * Checks that {@code bytes[offset..]} holds exactly one datum of {@code schema}.
	 * @throws MalformedPayloadException if it does not
	 */
	static void validate(Schema schema, byte[] bytes, int offset) throws MalformedPayloadException {
		PayloadValidator validator = new PayloadValidator(bytes, offset);
		validator.walk(schema);
		if (validator.remaining() > 0) {
			throw new MalformedPayloadException(false,
					validator.remaining() + " unexpected bytes after the end of the record at byte "
							+ validator.position);
		}
	}

	private void walk(Schema schema) throws MalformedPayloadException {
		switch (schema.getType()) {
			case NULL -> {
			}
			case BOOLEAN -> {
				if (readByte() > 1) {
					throw corrupt("invalid boolean");
				}
			}
			case INT -> readVarint(5);
			case LONG -> readVarint(10);
			case FLOAT -> skip(4);
			case DOUBLE -> skip(8);
			case STRING, BYTES -> skip(length());
			case FIXED -> skip(schema.getFixedSize());
			case ENUM -> index(schema.getEnumSymbols().size(), "enum symbol");
			case UNION -> walk(schema.getTypes().get(index(schema.getTypes().size(), "union branch")));
			case ARRAY -> items(schema.getElementType(), false);
			case MAP -> items(schema.getValueType(), true);
			case RECORD -> {
				for (Schema.Field next : schema.getFields()) {
					this.record = schema;
					this.field = next;
					walk(next.schema());
				}
			}
		}
	}

	// Every item of the contracts' arrays and maps takes at least one byte, so a block can
	// never hold more items than there are bytes left.
	private void items(Schema item, boolean map) throws MalformedPayloadException {
		Schema collectionRecord = this.record;
		Schema.Field collection = this.field;
		for (long count = readVarint(10); count != 0; count = readVarint(10)) {
			if (count < 0) {
				count = -count;
				if (readVarint(10) < 0) {
					throw corrupt("negative block size");
				}
			}
			if (count < 0) {
				throw corrupt("block of " + count + " items");
			}
			if (count > remaining()) {
				throw new MalformedPayloadException(true,
						"block of " + count + " items but only " + remaining() + " bytes remain" + in());
			}
			for (long i = 0; i < count; i++) {
				this.record = collectionRecord;
				this.field = collection;
				if (map) {
					skip(length());
				}
				walk(item);
			}
		}
	}

	private int index(int size, String what) throws MalformedPayloadException {
		long index = readVarint(5);
		if (index < 0 || index >= size) {
			throw corrupt(what + " index " + index + " out of range [0, " + size + ")");
		}
		return (int) index;
	}

	private long length() throws MalformedPayloadException {
		long length = readVarint(10);
		if (length < 0) {
			throw corrupt("negative length " + length);
		}
		return length;
	}

	private void skip(long count) throws MalformedPayloadException {
		if (count > remaining()) {
			throw new MalformedPayloadException(true, "needs " + count + " bytes at byte " + this.position
					+ " but only " + remaining() + " remain" + in());
		}
		this.position += (int) count;
	}

	/** Reads a zig-zag varint of at most {@code maxBytes} bytes, as Avro writes ints and longs. */
	private long readVarint(int maxBytes) throws MalformedPayloadException {
		long raw = 0;
		for (int i = 0; i < maxBytes; i++) {
			int next = readByte();
			raw |= (long) (next & 0x7f) << (7 * i);
			if ((next & 0x80) == 0) {
				return (raw >>> 1) ^ -(raw & 1);
			}
		}
		throw corrupt("varint longer than " + maxBytes + " bytes");
	}

	private int readByte() throws MalformedPayloadException {
		if (remaining() <= 0) {
			throw new MalformedPayloadException(true, "ends at byte " + this.position + in());
		}
		return this.bytes[this.position++] & 0xff;
	}

	private int remaining() {
		return this.bytes.length - this.position;
	}

	private MalformedPayloadException corrupt(String what) {
		return new MalformedPayloadException(false, what + " at byte " + this.position + in());
	}

	private String in() {
		return " (in " + ((this.field != null) ? this.record.getName() + "." + this.field.name() : "(record)") + ")";
	}

	/** Why a body is not a well-formed datum; {@code truncated} when bytes are missing. */
	static final class MalformedPayloadException extends Exception {

		private final boolean truncated;

		MalformedPayloadException(boolean truncated, String detail) {
			super(detail, null, false, false);
			this.truncated = truncated;
		}

		String reason() {
			return (this.truncated ? "truncated record: " : "corrupt record: ") + getMessage();
		}

	}

}
