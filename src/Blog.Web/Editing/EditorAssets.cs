namespace Blog.Web.Editing;

/// <summary>
/// Optional scripts the editors load when they are part of this build: the photo library picker arrives with the
/// photo work, and until then the editors keep the upload button of <c>media-editor.js</c> alone.
/// </summary>
public static class EditorAssets
{
    public const string MediaPicker = "js/media-picker.js";

    public static bool HasMediaPicker(IWebHostEnvironment environment) =>
        environment.WebRootFileProvider.GetFileInfo(MediaPicker).Exists;
}
