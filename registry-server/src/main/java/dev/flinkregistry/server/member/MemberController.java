package dev.flinkregistry.server.member;

import dev.flinkregistry.server.member.MembershipService.Member;
import dev.flinkregistry.server.security.Role;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/workspaces/{workspace}/members}: who has which role in a workspace, managed by its admins. */
@RestController
class MemberController {

    private final MembershipService memberships;

    MemberController(MembershipService memberships) {
        this.memberships = memberships;
    }

    /** The role to give. */
    record Grant(@NotBlank String role) {}

    @GetMapping("/api/v1/workspaces/{workspace}/members")
    List<Member> members(@PathVariable String workspace) {
        return memberships.members(workspace);
    }

    @PutMapping("/api/v1/workspaces/{workspace}/members/{principal}")
    Member grant(@PathVariable String workspace, @PathVariable String principal, @Valid @RequestBody Grant grant) {
        Role role = Role.fromWireName(grant.role()).orElseThrow(() -> new InvalidRoleException(grant.role()));
        return memberships.grant(workspace, principal, role);
    }

    @DeleteMapping("/api/v1/workspaces/{workspace}/members/{principal}")
    ResponseEntity<Void> revoke(@PathVariable String workspace, @PathVariable String principal) {
        memberships.revoke(workspace, principal);
        return ResponseEntity.noContent().build();
    }
}
