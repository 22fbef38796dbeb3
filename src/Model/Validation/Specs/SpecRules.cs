using GitOps.Model.Objects;

namespace GitOps.Model.Validation.Specs;

/// <summary>A kind's own checks of its spec, as kube-apiserver's validation for that kind: adds one error per field at fault.</summary>
public delegate void SpecRules(KubeObject obj, List<FieldError> errors);
