"""Identity's tables.

Attributes Keystone accepts beyond its schema (``email`` on a user, anything
on a project) are kept in each row's ``extra`` JSON and returned as given.
"""

from __future__ import annotations

import datetime
import typing

import sqlalchemy as sa
from sqlalchemy import orm

from pocketstack.db import declarative_base

Base = declarative_base()


Id = typing.Annotated[str, orm.mapped_column(sa.String(64), primary_key=True)]
Name = typing.Annotated[str, orm.mapped_column(sa.String(255))]
Extra = typing.Annotated[dict[str, typing.Any], orm.mapped_column(default=dict)]


class Domain(Base):
    __tablename__ = "domains"
    id: orm.Mapped[Id]
    name: orm.Mapped[Name] = orm.mapped_column(unique=True)
    description: orm.Mapped[str | None] = orm.mapped_column(sa.Text)
    enabled: orm.Mapped[bool] = orm.mapped_column(default=True)
    options: orm.Mapped[dict[str, typing.Any]] = orm.mapped_column(default=dict)
    extra: orm.Mapped[Extra]


class Project(Base):
    __tablename__ = "projects"
    __table_args__ = (sa.UniqueConstraint("domain_id", "name"),)
    id: orm.Mapped[Id]
    name: orm.Mapped[Name]
    domain_id: orm.Mapped[str] = orm.mapped_column(sa.ForeignKey("domains.id"), index=True)
    # None for a top-level project (Keystone shows the domain id as parent).
    parent_id: orm.Mapped[str | None] = orm.mapped_column(sa.ForeignKey("projects.id"), index=True)
    description: orm.Mapped[str | None] = orm.mapped_column(sa.Text)
    enabled: orm.Mapped[bool] = orm.mapped_column(default=True)
    options: orm.Mapped[dict[str, typing.Any]] = orm.mapped_column(default=dict)
    extra: orm.Mapped[Extra]


class ProjectTag(Base):
    __tablename__ = "project_tags"
    project_id: orm.Mapped[str] = orm.mapped_column(
        sa.ForeignKey("projects.id", ondelete="CASCADE"), primary_key=True
    )
    name: orm.Mapped[str] = orm.mapped_column(sa.String(255), primary_key=True)


class User(Base):
    __tablename__ = "users"
    __table_args__ = (sa.UniqueConstraint("domain_id", "name"),)
    id: orm.Mapped[Id]
    name: orm.Mapped[Name]
    domain_id: orm.Mapped[str] = orm.mapped_column(sa.ForeignKey("domains.id"), index=True)
    enabled: orm.Mapped[bool] = orm.mapped_column(default=True)
    default_project_id: orm.Mapped[str | None] = orm.mapped_column(sa.String(64))
    description: orm.Mapped[str | None] = orm.mapped_column(sa.Text)
    password_hash: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))
    password_expires_at: orm.Mapped[datetime.datetime | None]
    created_at: orm.Mapped[datetime.datetime]
    last_active_at: orm.Mapped[datetime.datetime | None]
    options: orm.Mapped[dict[str, typing.Any]] = orm.mapped_column(default=dict)
    extra: orm.Mapped[Extra]


class Group(Base):
    __tablename__ = "groups"
    __table_args__ = (sa.UniqueConstraint("domain_id", "name"),)
    id: orm.Mapped[Id]
    name: orm.Mapped[Name]
    domain_id: orm.Mapped[str] = orm.mapped_column(sa.ForeignKey("domains.id"), index=True)
    description: orm.Mapped[str | None] = orm.mapped_column(sa.Text)
    extra: orm.Mapped[Extra]


class Membership(Base):
    __tablename__ = "user_group_membership"
    user_id: orm.Mapped[str] = orm.mapped_column(
        sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    group_id: orm.Mapped[str] = orm.mapped_column(
        sa.ForeignKey("groups.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class Role(Base):
    __tablename__ = "roles"
    # A global role has no domain; names are unique per domain (or globally).
    __table_args__ = (sa.UniqueConstraint("name", "domain_id"),)
    id: orm.Mapped[Id]
    name: orm.Mapped[Name]
    domain_id: orm.Mapped[str | None] = orm.mapped_column(sa.String(64), index=True)
    description: orm.Mapped[str | None] = orm.mapped_column(sa.Text)
    options: orm.Mapped[dict[str, typing.Any]] = orm.mapped_column(default=dict)
    extra: orm.Mapped[Extra]


class ImpliedRole(Base):
    __tablename__ = "implied_roles"
    prior_role_id: orm.Mapped[str] = orm.mapped_column(
        sa.ForeignKey("roles.id", ondelete="CASCADE"), primary_key=True
    )
    implied_role_id: orm.Mapped[str] = orm.mapped_column(
        sa.ForeignKey("roles.id", ondelete="CASCADE"), primary_key=True
    )


class Assignment(Base):
    """A role granted to an actor (user or group) on a target.

    ``target_type`` is project, domain or system (whose target id is "all");
    ``inherited`` grants on a domain or project flow down to its projects.
    """

    __tablename__ = "assignments"
    actor_type: orm.Mapped[str] = orm.mapped_column(sa.String(8), primary_key=True)
    actor_id: orm.Mapped[str] = orm.mapped_column(sa.String(64), primary_key=True, index=True)
    target_type: orm.Mapped[str] = orm.mapped_column(sa.String(8), primary_key=True)
    target_id: orm.Mapped[str] = orm.mapped_column(sa.String(64), primary_key=True, index=True)
    role_id: orm.Mapped[str] = orm.mapped_column(
        sa.ForeignKey("roles.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    inherited: orm.Mapped[bool] = orm.mapped_column(primary_key=True, default=False)


class Region(Base):
    __tablename__ = "regions"
    id: orm.Mapped[str] = orm.mapped_column(sa.String(255), primary_key=True)
    description: orm.Mapped[str] = orm.mapped_column(sa.Text, default="")
    parent_region_id: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))
    extra: orm.Mapped[Extra]


class Service(Base):
    __tablename__ = "services"
    id: orm.Mapped[Id]
    type: orm.Mapped[str] = orm.mapped_column(sa.String(255))
    enabled: orm.Mapped[bool] = orm.mapped_column(default=True)
    # name, description and anything else the client sent.
    extra: orm.Mapped[Extra]


class Endpoint(Base):
    __tablename__ = "endpoints"
    id: orm.Mapped[Id]
    interface: orm.Mapped[str] = orm.mapped_column(sa.String(8))
    service_id: orm.Mapped[str] = orm.mapped_column(sa.ForeignKey("services.id"), index=True)
    url: orm.Mapped[str] = orm.mapped_column(sa.Text)
    region_id: orm.Mapped[str | None] = orm.mapped_column(sa.ForeignKey("regions.id"), index=True)
    enabled: orm.Mapped[bool] = orm.mapped_column(default=True)
    extra: orm.Mapped[Extra]


class EndpointGroup(Base):
    __tablename__ = "endpoint_groups"
    id: orm.Mapped[Id]
    name: orm.Mapped[Name]
    description: orm.Mapped[str | None] = orm.mapped_column(sa.Text)
    filters: orm.Mapped[dict[str, typing.Any]] = orm.mapped_column(default=dict)


class ProjectEndpoint(Base):
    __tablename__ = "project_endpoints"
    endpoint_id: orm.Mapped[str] = orm.mapped_column(sa.String(64), primary_key=True)
    project_id: orm.Mapped[str] = orm.mapped_column(sa.String(64), primary_key=True)


class ProjectEndpointGroup(Base):
    __tablename__ = "project_endpoint_groups"
    endpoint_group_id: orm.Mapped[str] = orm.mapped_column(
        sa.ForeignKey("endpoint_groups.id", ondelete="CASCADE"), primary_key=True
    )
    project_id: orm.Mapped[str] = orm.mapped_column(sa.String(64), primary_key=True)


class Credential(Base):
    __tablename__ = "credentials"
    id: orm.Mapped[Id]
    user_id: orm.Mapped[str] = orm.mapped_column(sa.String(64), index=True)
    project_id: orm.Mapped[str | None] = orm.mapped_column(sa.String(64))
    type: orm.Mapped[str] = orm.mapped_column(sa.String(255))
    # The blob, encrypted with the credential key (Keystone keeps it so too).
    encrypted_blob: orm.Mapped[str] = orm.mapped_column(sa.Text)
    extra: orm.Mapped[Extra]


class ApplicationCredential(Base):
    __tablename__ = "application_credentials"
    __table_args__ = (sa.UniqueConstraint("user_id", "name"),)
    id: orm.Mapped[Id]
    name: orm.Mapped[Name]
    secret_hash: orm.Mapped[str] = orm.mapped_column(sa.String(255))
    description: orm.Mapped[str | None] = orm.mapped_column(sa.Text)
    user_id: orm.Mapped[str] = orm.mapped_column(sa.String(64), index=True)
    project_id: orm.Mapped[str | None] = orm.mapped_column(sa.String(64), index=True)
    system: orm.Mapped[str | None] = orm.mapped_column(sa.String(8))
    expires_at: orm.Mapped[datetime.datetime | None]
    unrestricted: orm.Mapped[bool] = orm.mapped_column(default=False)
    role_ids: orm.Mapped[list[typing.Any]] = orm.mapped_column(default=list)


class AccessRule(Base):
    __tablename__ = "access_rules"
    __table_args__ = (sa.UniqueConstraint("user_id", "service", "path", "method"),)
    id: orm.Mapped[Id]
    user_id: orm.Mapped[str] = orm.mapped_column(sa.String(64), index=True)
    service: orm.Mapped[str] = orm.mapped_column(sa.String(64))
    path: orm.Mapped[str] = orm.mapped_column(sa.String(128))
    method: orm.Mapped[str] = orm.mapped_column(sa.String(16))


class ApplicationCredentialAccessRule(Base):
    __tablename__ = "application_credential_access_rules"
    application_credential_id: orm.Mapped[str] = orm.mapped_column(
        sa.ForeignKey("application_credentials.id", ondelete="CASCADE"), primary_key=True
    )
    access_rule_id: orm.Mapped[str] = orm.mapped_column(
        sa.ForeignKey("access_rules.id"), primary_key=True, index=True
    )


class RegisteredLimit(Base):
    __tablename__ = "registered_limits"
    id: orm.Mapped[Id]
    service_id: orm.Mapped[str] = orm.mapped_column(sa.String(64), index=True)
    region_id: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))
    resource_name: orm.Mapped[str] = orm.mapped_column(sa.String(255))
    default_limit: orm.Mapped[int]
    description: orm.Mapped[str | None] = orm.mapped_column(sa.Text)


class Limit(Base):
    __tablename__ = "limits"
    id: orm.Mapped[Id]
    project_id: orm.Mapped[str | None] = orm.mapped_column(sa.String(64), index=True)
    domain_id: orm.Mapped[str | None] = orm.mapped_column(sa.String(64), index=True)
    service_id: orm.Mapped[str] = orm.mapped_column(sa.String(64))
    region_id: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))
    resource_name: orm.Mapped[str] = orm.mapped_column(sa.String(255))
    resource_limit: orm.Mapped[int]
    description: orm.Mapped[str | None] = orm.mapped_column(sa.Text)


class DomainConfig(Base):
    __tablename__ = "domain_configs"
    domain_id: orm.Mapped[str] = orm.mapped_column(
        sa.ForeignKey("domains.id", ondelete="CASCADE"), primary_key=True
    )
    group: orm.Mapped[str] = orm.mapped_column(sa.String(255), primary_key=True)
    option: orm.Mapped[str] = orm.mapped_column(sa.String(255), primary_key=True)
    value: orm.Mapped[dict[str, typing.Any]] = orm.mapped_column()


class RevocationEvent(Base):
    """Tokens issued before ``issued_before`` that match every set field are
    revoked (Keystone's revocation events)."""

    __tablename__ = "revocation_events"
    id: orm.Mapped[int] = orm.mapped_column(sa.Integer, primary_key=True, autoincrement=True)
    user_id: orm.Mapped[str | None] = orm.mapped_column(sa.String(64))
    project_id: orm.Mapped[str | None] = orm.mapped_column(sa.String(64))
    domain_id: orm.Mapped[str | None] = orm.mapped_column(sa.String(64))
    audit_id: orm.Mapped[str | None] = orm.mapped_column(sa.String(32))
    audit_chain_id: orm.Mapped[str | None] = orm.mapped_column(sa.String(32))
    application_credential_id: orm.Mapped[str | None] = orm.mapped_column(sa.String(64))
    issued_before: orm.Mapped[datetime.datetime]
    revoked_at: orm.Mapped[datetime.datetime]
