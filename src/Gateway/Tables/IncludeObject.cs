namespace GitOps.Gateway.Tables;

/// <summary>What each Table row carries as its <c>object</c> (the <c>includeObject</c> query parameter).</summary>
public enum IncludeObject { None, Metadata, Object }
