package io.envstream.gateway.security;

import java.util.EnumSet;
import java.util.Set;

/**
 * How a caller stands towards one environment, as PostgreSQL knows it, and what that allows.
 * @param admin the token carries the admin scope
 * @param owner the caller is the environment's owner (its descriptor's owner label)
 * @param teamMember the caller's team is the environment's team
 * @param granted a grant in {@code environment_acl} names the caller or their team
 * @param execGranted such a grant has the {@code exec} permission
 */
record Standing(boolean admin, boolean owner, boolean teamMember, boolean granted, boolean execGranted) {

	/**
	 * Everyone who stands anywhere may read. Exec only the admin, the owner and an exec grant:
	 * a team label or a plain grant does not open a shell.
	 */
	Set<Permission> permissions() {
		if (this.admin || this.owner || this.execGranted) {
			return EnumSet.of(Permission.READ, Permission.EXEC);
		}
		if (this.teamMember || this.granted) {
			return EnumSet.of(Permission.READ);
		}
		return EnumSet.noneOf(Permission.class);
	}

}
